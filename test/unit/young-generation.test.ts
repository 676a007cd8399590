/**
 * What one analysis makes must die with it in the young generation. Per-analysis values kept in a module's WeakMap
 * keyed by per-analysis objects (a table's cell index, the root causes, the table spans) were kept alive by V8's
 * scavenges, which treat such a WeakMap's values as reachable: each scavenge promoted the cells and ranges of every
 * analysis since the last (about 30 MB over these 1,200 analyses) and took three to four times as long. Now they
 * live in the analysis's context: 0.3–0.5 MB in all. Read from V8's own statistics of each collection (old space
 * before and after), not from timings, in a process of its own whose young generation is fixed at 8 MB (V8 sizes
 * and grows it from the machine's memory, and what is promoted depends on that: grown to 64 MB the old maps promoted
 * under 1 MB, and now and then as little with the default growth). With 8 MB: 34.5 MB before, 0.3 MB now.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GCProfiler } from 'node:v8';
import { analyze, exampleReport } from '../../server/src/core/index';

const CHILD = 'XXGKNB_YOUNG_GENERATION_CHILD';

/** 1,200 analyses of the example report, after 50 unmeasured: how many scavenges, and the bytes they promoted. */
function measure(): { scavenges: number; promoted: number } {
  const text = exampleReport();
  for (let k = 0; k < 50; k++) analyze(text);
  const profiler = new GCProfiler();
  profiler.start();
  for (let k = 0; k < 1200; k++) analyze(text);
  const stats = profiler.stop()?.statistics ?? [];
  const oldSpace = (h: { heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] }) => h.heapSpaceStatistics.find((s) => s.spaceName === 'old_space')?.spaceUsedSize ?? 0;
  const scavenges = stats.filter((s) => s.gcType === 'Scavenge');
  return { scavenges: scavenges.length, promoted: scavenges.reduce((sum, s) => sum + Math.max(0, oldSpace(s.afterGC) - oldSpace(s.beforeGC)), 0) };
}

if (process.env[CHILD]) {
  process.stdout.write(JSON.stringify(measure()));
} else {
  test('an analysis leaves nothing behind for the young generation: scavenges between analyses promote almost nothing', () => {
    const root = path.resolve(__dirname, '../..');
    const run = spawnSync(process.execPath, ['--min-semi-space-size=8', '--max-semi-space-size=8', '--import', 'tsx', __filename], {
      cwd: root, env: { ...process.env, [CHILD]: '1' }, encoding: 'utf8', timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const { scavenges, promoted } = JSON.parse(run.stdout) as ReturnType<typeof measure>;
    assert.ok(scavenges >= 5, `1,200 analyses ran ${scavenges} scavenges`);
    assert.ok(promoted < 3 * 1024 * 1024, `scavenges promoted ${(promoted / 1024 / 1024).toFixed(1)} MB over 1,200 analyses`);
  });
}
