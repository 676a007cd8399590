/**
 * The analysis worker gets an open document's text once, then only the part each version changed (analyzer.ts).
 * A worker that dies starts afresh: the next version must reach the new worker whole, not as a change to a text it
 * never had. And with XXGKNB_TRACE=1 the server reports where each published version's time went (trace.ts; the
 * bench reads it).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { corpusFile, startClient, untitled } from './harness';
import type { TraceParams } from '../../server/src/lsp/trace';

const key = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();

test('after the analysis worker dies, the next versions are analysed whole and right', async () => {
  const marker = '工作进程在此退出';
  const c = await startClient({ pull: true, env: { XXGKNB_TEST_WORKER_EXIT_ON: marker } });
  try {
    const { text } = corpusFile('real/2024-huaian-city.md');
    const uri = untitled('crash.md');
    await c.open(uri, text, 'markdown');
    const before = await c.pullDiagnostics(uri);
    assert.ok(before.length > 0, 'the report has findings to compare');
    // A version with the marker kills the worker: that version is reported as failed, not guessed at.
    const line = 3;
    await c.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: marker }]);
    const failed = await c.pullDiagnostics(uri);
    assert.equal(failed.length, 1);
    assert.match(typeof failed[0]!.message === 'string' ? failed[0]!.message : '', /70|exit/);
    // Remove the marker, then edit again: the new worker must see the whole text, whatever it was sent before.
    await c.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: marker.length } }, text: '' }]);
    await c.change(uri, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '\n' }]);
    const after = await c.pullDiagnostics(uri);
    const fresh = untitled('fresh.md');
    await c.open(fresh, c.text(uri), 'markdown');
    assert.deepEqual(key(after), key(await c.pullDiagnostics(fresh)));
    assert.ok(after.length >= before.length - 1, 'the document is checked again, not reported as failed');
  } finally { await c.stop(); }
});

test('XXGKNB_TRACE=1: one xxgknb/trace per published version, its marks in order; none without it', async () => {
  const { text } = corpusFile('real/2024-huaian-city.md');
  for (const traced of [true, false]) {
    const c = await startClient({ pull: false, env: traced ? { XXGKNB_TRACE: '1' } : {} });
    try {
      const uri = untitled('trace.md');
      await c.open(uri, text, 'markdown');
      await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1);
      await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '字' }]);
      await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 2);
      if (!traced) {
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(c.notifications.filter((n) => n.method === 'xxgknb/trace').length, 0);
        continue;
      }
      const t = await c.waitFor<TraceParams>('xxgknb/trace', (p) => p.uri === uri && p.version === 2);
      const order = ['changed', 'posted', 'started', 'analysed', 'serialised', 'received', 'published'] as const;
      const marks = order.map((k) => t.marks[k]);
      assert.ok(marks.every((m) => typeof m === 'number' && m > 1.6e12), JSON.stringify(t.marks));
      for (let k = 1; k < marks.length; k++) assert.ok(marks[k]! >= marks[k - 1]!, `${order[k - 1]} ≤ ${order[k]}: ${JSON.stringify(t.marks)}`);
    } finally { await c.stop(); }
  }
});
