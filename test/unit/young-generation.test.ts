/**
 * What one analysis makes must die with it in the young generation. Per-analysis values kept in a module's WeakMap
 * keyed by per-analysis objects (a table's cell index, the root causes, the table spans) were kept alive by V8's
 * scavenges, which treat such a WeakMap's values as reachable: at full young-generation size each scavenge promoted
 * ≈ 0.75 MB of cells and ranges (10 MB over these 600 analyses) and took three to four times as long. Now they live
 * in the analysis's context: ≈ 0.4 MB in all. Read from V8's own statistics of each collection (old space before and
 * after), not from timings. A file of its own: a test process that has edited a large report first promotes more
 * (V8 then places the tables kept for the next version in old space at once, and what they point to follows).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GCProfiler } from 'node:v8';
import { analyze, exampleReport } from '../../server/src/core/index';

test('an analysis leaves nothing behind for the young generation: scavenges between analyses promote almost nothing', () => {
  const text = exampleReport();
  for (let k = 0; k < 50; k++) analyze(text);
  const profiler = new GCProfiler();
  profiler.start();
  for (let k = 0; k < 600; k++) analyze(text);
  const stats = profiler.stop()?.statistics ?? [];
  const oldSpace = (h: { heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] }) => h.heapSpaceStatistics.find((s) => s.spaceName === 'old_space')?.spaceUsedSize ?? 0;
  const scavenges = stats.filter((s) => s.gcType === 'Scavenge');
  assert.ok(scavenges.length >= 5, `600 analyses ran ${scavenges.length} scavenges`);
  const promoted = scavenges.reduce((sum, s) => sum + Math.max(0, oldSpace(s.afterGC) - oldSpace(s.beforeGC)), 0);
  assert.ok(promoted < 3 * 1024 * 1024, `scavenges promoted ${(promoted / 1024 / 1024).toFixed(1)} MB over 600 analyses`);
});
