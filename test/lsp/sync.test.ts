/**
 * Incremental text sync: a sequence of ranged didChange notifications (several after the astral character 𠮷,
 * which is two UTF-16 units, and several changes in one notification) leaves the server with exactly the
 * client's text: after every step its diagnostics and model equal those of a fresh open of the same text.
 * Also: one analysis per version shared by all requests (answers are consistent), and a quick burst of edits
 * ends with the diagnostics of the last version.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic, DocumentSymbol, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { exampleReport, type ReportModel } from '../../server/src/core/index';
import { shownAfter, startClient, untitled, type Client } from './harness';

let c: Client;
before(async () => { c = await startClient({ pull: true }); });
after(async () => { await c.stop(); });

type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

/** The range of `needle` in `text` (first occurrence at or after line `fromLine`), in UTF-16 positions. */
function find(text: string, needle: string, fromLine = 0): Change['range'] {
  const lines = text.split('\n');
  for (let l = fromLine; l < lines.length; l++) {
    const at = lines[l]!.indexOf(needle);
    if (at >= 0) return { start: { line: l, character: at }, end: { line: l, character: at + needle.length } };
  }
  throw new Error(`not found: ${needle}`);
}
const at = (line: number, character: number): Change['range'] => ({ start: { line, character }, end: { line, character } });
const plain = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ range: r.location.range, message: r.message })) }));

test('ranged edits around 𠮷 give the same diagnostics and model as a fresh open of the final text', async () => {
  const uri = untitled('edited.md');
  await c.open(uri, exampleReport({ cells: { '行政复议|总计': '5' } }), 'markdown');
  const steps: ((text: string) => Change[])[] = [
    // Astral characters in the title, then an edit after them on the same line.
    () => [{ range: at(0, 2), text: '𠮷𠮷' }],
    (t) => [{ range: find(t, '人民政府办公室'), text: '𠮷人民政府' }],
    // In a paragraph: 𠮷 first, then change the number that follows it.
    (t) => [{ range: at(find(t, '全年主动公开政府信息').start.line, 0), text: '𠮷' }],
    (t) => [{ range: find(t, '320'), text: '321' }],
    // Fix the 表四 total, break a 表三 cell.
    (t) => { const r = find(t, '| 1 | 0 | 0 | 1 | 5 |'); return [{ range: { start: { line: r.start.line, character: r.start.character + 18 }, end: { line: r.start.line, character: r.start.character + 19 } }, text: '2' }]; },
    (t) => { const r = find(t, '一、本年新收'); const line = t.split('\n')[r.start.line]!; const k = line.indexOf('| 10 |'); return [{ range: { start: { line: r.start.line, character: k + 2 }, end: { line: r.start.line, character: k + 4 } }, text: '11' }]; },
    // Two changes in one notification: delete a paragraph line, then insert a heading with 𠮷 (positions of the
    // second change are in the text after the first).
    (t) => {
      const r = find(t, '（四）平台建设');
      const del = { range: { start: { line: r.start.line, character: 0 }, end: { line: r.start.line + 1, character: 0 } }, text: '' };
      const lines = t.split('\n');
      lines.splice(r.start.line, 1);
      const end = lines.length - 1;
      return [del, { range: at(end, 0), text: '\n## 七、𠮷其他说明\n\n本年度无其他事项。\n' }];
    },
    // Replace a range spanning several lines that starts after 𠮷.
    (t) => { const r = find(t, '𠮷人民政府'); return [{ range: { start: { line: r.start.line, character: r.start.character + 2 }, end: { line: r.start.line + 2, character: 5 } }, text: '县人民政府2024年政府信息公开工作年度报告\n\n本报告依据' }]; },
  ];
  for (const [k, step] of steps.entries()) {
    await c.change(uri, step(c.text(uri)));
    const text = c.text(uri);
    const fresh = untitled(`fresh-${k}.md`);
    await c.open(fresh, text, 'markdown');
    const [edited, opened] = [await c.pullDiagnostics(uri), await c.pullDiagnostics(fresh)];
    assert.deepEqual(plain(edited), plain(opened), `step ${k}`);
    const [m1, m2] = [await c.request<ReportModel>('xxgknb/model', { uri }), await c.request<ReportModel>('xxgknb/model', { uri: fresh })];
    assert.deepEqual(m1, m2, `model after step ${k}`);
    await c.close(fresh);
  }
  const finalText = c.text(uri);
  assert.ok(finalText.includes('𠮷') && finalText.includes('321'));
  const diags = await c.pullDiagnostics(uri);
  assert.ok(!diags.some((d) => d.code === 't4-total'), 'the 表四 total was fixed');
  assert.ok(diags.some((d) => ['t3-row-total', 't3-results-total', 't3-balance'].includes(String(d.code))), 'the 表三 cell was broken');
  // The heading after 𠮷: its selection range ends at the JS (UTF-16) length of the line.
  const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const seven = symbols.find((s) => s.name.includes('其他说明'))!;
  const line = finalText.split('\n')[seven.selectionRange.start.line]!;
  assert.equal(line, '## 七、𠮷其他说明');
  assert.equal(seven.selectionRange.end.character, line.length);
  assert.equal(seven.name, '七、𠮷其他说明');
});

test('one analysis per version serves every request: concurrent requests agree', async () => {
  const uri = untitled('concurrent.md');
  const text = exampleReport({ cells: { '行政复议|总计': '5' } });
  await c.open(uri, text, 'markdown');
  const td = { textDocument: { uri } };
  const [d1, s1, m1, d2, m2] = await Promise.all([
    c.pullDiagnostics(uri),
    c.request<DocumentSymbol[]>('textDocument/documentSymbol', td),
    c.request<ReportModel>('xxgknb/model', { uri }),
    c.pullDiagnostics(uri),
    c.request<ReportModel>('xxgknb/model', { uri }),
  ]);
  assert.deepEqual(d1, d2);
  assert.deepEqual(m1, m2);
  assert.ok(s1.length > 0);
  // A later pull with the previous result id is "unchanged".
  const full = await c.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', td);
  const same = await c.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { ...td, previousResultId: full.resultId });
  assert.equal(same.kind, 'unchanged');
  // A line break at the top moves every diagnostic: answered in full (unchanged.test.ts: versions whose diagnostics stay).
  await c.change(uri, [{ range: at(0, 0), text: '\n' }]);
  const changed = await c.request<{ kind: string }>('textDocument/diagnostic', { ...td, previousResultId: full.resultId });
  assert.equal(changed.kind, 'full');
});

test('push mode: a burst of edits ends with the diagnostics of the last version', async () => {
  const p = await startClient({ pull: false, env: { XXGKNB_TRACE: '1' } });
  try {
    const uri = untitled('burst.md');
    const text = exampleReport();
    await p.open(uri, text, 'markdown');
    const line = find(text, '| 1 | 0 | 0 | 1 | 2 |').start.line;
    // 20 edits in a row without waiting: the total cycles through wrong values and ends wrong (7).
    for (let i = 0; i < 20; i++) {
      const cur = p.text(uri).split('\n')[line]!;
      const k = cur.indexOf('|', cur.indexOf('|', cur.indexOf('|', cur.indexOf('|', cur.indexOf('|') + 1) + 1) + 1) + 1) + 2;
      const end = cur.indexOf(' ', k);
      await p.change(uri, [{ range: { start: { line, character: k }, end: { line, character: end } }, text: String(3 + (i % 5)) }]);
    }
    assert.match(p.text(uri).split('\n')[line]!, /^\| 1 \| 0 \| 0 \| 1 \| 7 \|/);
    // What the client shows once version 21 is done: published then, or earlier if it did not change (a version
    // with the same 7 may have been published before the versions between were dropped as stale).
    const shown = await shownAfter(p, uri, 21);
    const wrong = shown.filter((d) => d.code === 't4-total');
    assert.equal(wrong.length, 1);
    assert.match(typeof wrong[0]!.message === 'string' ? wrong[0]!.message : '', /为 7，应为 2/);
    // Stale versions may have been skipped, but no diagnostics for a version newer than the text exist.
    assert.ok(p.notifications.every((n) => n.method !== 'textDocument/publishDiagnostics' || ((n.params as PublishDiagnosticsParams).version ?? 0) <= 21));
  } finally {
    await p.stop();
  }
});
