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
import type { ReportModel } from '../../server/src/core/index';

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

test('the worker analyses the client\'s text after odd changes: ranges past the end, reversed, CRLF, whole text, a second open', async () => {
  const c = await startClient({ pull: true });
  try {
    const uri = untitled('odd.md');
    const text = corpusFile('real/2024-huaian-city.md').text.trimEnd(); // no line break at the end: see the first step
    await c.open(uri, text, 'markdown');
    await c.pullDiagnostics(uri);
    const lines = text.split('\n').length;
    const pos = (line: number, character: number) => ({ line, character });
    const steps: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[][] = [
      // Past the last line: the text-document library cannot place later positions after this one (it answers NaN).
      [{ range: { start: pos(lines, 0), end: pos(lines + 1, 0) }, text: '\n' }],
      // …such as the new last line's (the client's library does the same: its text is what the server's document holds).
      [{ range: { start: pos(lines, 0), end: pos(lines, 0) }, text: '尾' }],
      [{ range: { start: pos(1, 1), end: pos(1, 1) }, text: '字' }],
      [{ range: { start: pos(0, 0), end: pos(0, 0) }, text: '（草稿）' }],
      [{ range: { start: pos(12, 3), end: pos(10, 0) }, text: '倒序' }, { range: { start: pos(5, 0), end: pos(5, 0) }, text: '第一行\r\n第二行\r\n' }],
      [{ text: text.replace('政府信息公开', '政务信息公开') }],
      [{ range: { start: pos(20, 0), end: pos(20, 0) }, text: '又一处修改' }],
    ];
    const same = async (what: string) => {
      const fresh = untitled('odd-fresh.md');
      await c.open(fresh, c.text(uri), 'markdown');
      const [a, b] = [await c.pullDiagnostics(uri), await c.pullDiagnostics(fresh)];
      assert.deepEqual(key(a), key(b), what);
      const [m1, m2] = [await c.request<ReportModel>('xxgknb/model', { uri }), await c.request<ReportModel>('xxgknb/model', { uri: fresh })];
      assert.deepEqual(m1, m2, what);
      await c.close(fresh);
    };
    for (const [k, changes] of steps.entries()) {
      await c.change(uri, changes);
      await c.pullDiagnostics(uri);
      await same(`after step ${k}`);
    }
    // Opened again without a close (a client's mistake): the new text is analysed, not a change to the old one.
    const other = corpusFile('real/2025-shanghai-city-govoffice.md').text;
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: other } });
    const fresh = untitled('odd-reopened.md');
    await c.open(fresh, other, 'markdown');
    assert.deepEqual(key(await c.pullDiagnostics(uri)), key(await c.pullDiagnostics(fresh)), 'second open');
    assert.deepEqual(await c.request<ReportModel>('xxgknb/model', { uri }), await c.request<ReportModel>('xxgknb/model', { uri: fresh }), 'second open');
  } finally { await c.stop(); }
});

test('XXGKNB_TRACE=1: one xxgknb/trace per version done, its marks in order; none without it', async () => {
  const { text } = corpusFile('real/2024-huaian-city.md');
  for (const traced of [true, false]) {
    const c = await startClient({ pull: false, env: traced ? { XXGKNB_TRACE: '1' } : {} });
    try {
      const uri = untitled('trace.md');
      await c.open(uri, text, 'markdown');
      await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1);
      // A line break at the top moves every diagnostic: version 2 is published (not "unchanged").
      await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '\n' }]);
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
      assert.equal(t.unchanged, false);
    } finally { await c.stop(); }
  }
});
