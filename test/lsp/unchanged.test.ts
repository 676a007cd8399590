/**
 * Pulled diagnostics across versions: a version whose diagnostics are what the client already has is answered
 * "unchanged" (the resultId names the content, not the version), so VS Code need not receive and redraw them all
 * at every keystroke; a version whose diagnostics differ, in the document or across years, is answered in full.
 * Every "unchanged" is checked against a fresh server's diagnostics of the same text. Push mode alike: such a version
 * is not published again (the client keeps what it has).
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { exampleReport } from '../../server/src/core/index';
import type { TraceParams } from '../../server/src/lsp/trace';
import { pathToUri, shownAfter, sleep, startClient, untitled, type Client } from './harness';

let c: Client;
let fresh: Client;
before(async () => { [c, fresh] = await Promise.all([startClient({ pull: true }), startClient({ pull: true })]); });
after(async () => { await Promise.all([c.stop(), fresh.stop()]); });

type Report = DocumentDiagnosticReport & { resultId?: string; items?: Diagnostic[] };
const pull = (client: Client, uri: string, previousResultId?: string) => client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
const endOf = (text: string, line: number) => ({ line, character: text.split('\n')[line]!.length });

/** The diagnostics a server that never saw an earlier version gives for `text`, as if of the document `as`. */
async function fromScratch(text: string, as: string): Promise<Diagnostic[]> {
  const uri = untitled('scratch.md');
  await fresh.open(uri, text, 'markdown');
  const d = await fresh.pullDiagnostics(uri);
  await fresh.close(uri);
  // Related information names the document.
  return JSON.parse(JSON.stringify(d).replaceAll(JSON.stringify(uri), JSON.stringify(as))) as Diagnostic[];
}

// Line 9: "（三）政府信息管理。规范发布审核流程。", far from the wrong total of table 4 (line 76).
const text = exampleReport({ cells: { '行政复议|总计': '5' } });
const PROSE_LINE = 9;

test('typing in prose far from every diagnostic: "unchanged", and truly so; a line break moves them: in full', async () => {
  const uri = untitled('typing.md');
  await c.open(uri, text, 'markdown');
  const first = await pull(c, uri);
  assert.equal(first.kind, 'full');
  assert.ok(first.resultId);
  assert.equal(first.items!.filter((d) => d.code === 't4-total').length, 1);

  let current = text;
  const resultId = first.resultId!;
  for (const ch of ['规', '范']) {
    const at = endOf(current, PROSE_LINE);
    await c.change(uri, [{ range: { start: at, end: at }, text: ch }]);
    current = c.text(uri);
    const next = await pull(c, uri, resultId);
    assert.equal(next.kind, 'unchanged', `typing "${ch}" changed no diagnostic`);
    assert.equal(next.resultId, resultId);
    assert.deepEqual(await fromScratch(current, uri), first.items, 'and a fresh server agrees');
  }

  // A line break before the tables moves every diagnostic below it one line down.
  const at = endOf(current, PROSE_LINE);
  await c.change(uri, [{ range: { start: at, end: at }, text: '\n' }]);
  current = c.text(uri);
  const moved = await pull(c, uri, resultId);
  assert.equal(moved.kind, 'full');
  assert.notEqual(moved.resultId, resultId);
  assert.deepEqual(moved.items, await fromScratch(current, uri));
  assert.equal(moved.items!.find((d) => d.code === 't4-total')!.range.start.line, first.items!.find((d) => d.code === 't4-total')!.range.start.line + 1);

  // The client that has an older result, or none, always gets them in full.
  const again = await pull(c, uri, first.resultId);
  assert.equal(again.kind, 'full');
  assert.deepEqual(again.items, moved.items);
  assert.equal((await pull(c, uri)).kind, 'full');
});

test('a fix that changes only a message or a number in a table: in full', async () => {
  const uri = untitled('fix.md');
  await c.open(uri, text, 'markdown');
  const first = await pull(c, uri);
  // Correct the wrong total: the diagnostic goes, whatever the positions.
  await c.change(uri, [{ text: exampleReport() }]);
  const fixed = await pull(c, uri, first.resultId);
  assert.equal(fixed.kind, 'full');
  assert.deepEqual(fixed.items!.filter((d) => d.code === 't4-total'), []);
  // Back to the same wrong total: in full again (the client's result has none).
  await c.change(uri, [{ text }]);
  const wrong = await pull(c, uri, fixed.resultId);
  assert.equal(wrong.kind, 'full');
  assert.deepEqual(wrong.items, first.items);
});

test('the reports beside it change, the document does not: in full', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-unchanged-'));
  const b = await startClient({ pull: true });
  try {
    const lastYear = path.join(dir, '2023年报.md');
    // Last year carried 3 forward (四: 自然人 3); this year's 上年结转 says 2.
    fs.writeFileSync(lastYear, exampleReport({ year: 2023 }));
    const uri = pathToUri(path.join(dir, '2024年报.md'));
    await b.open(uri, text, 'markdown');
    const carry = (r: Report) => (r.items ?? []).filter((d) => d.code === 'carry-over-mismatch');
    // The folder is read in the background: until then the pair is not compared.
    let last = await pull(b, uri);
    for (let i = 0; i < 200 && !carry(last).length; i++) { await sleep(50); last = await pull(b, uri); }
    assert.equal(carry(last).length, 1);
    // Typing in prose: unchanged.
    const at = endOf(text, PROSE_LINE);
    await b.change(uri, [{ range: { start: at, end: at }, text: '字' }]);
    assert.equal((await pull(b, uri, last.resultId)).kind, 'unchanged');
    // Last year's file now says 2 were carried forward, as this year's report does: the finding goes, in full.
    fs.writeFileSync(lastYear, exampleReport({ year: 2023, cells: { '四|自然人': '2', '四|总计': '2' } }));
    let after: Report = { kind: 'unchanged', resultId: last.resultId! };
    for (let i = 0; i < 200 && after.kind === 'unchanged'; i++) { await sleep(50); after = await pull(b, uri, last.resultId); }
    assert.equal(after.kind, 'full');
    assert.deepEqual(carry(after), []);
  } finally {
    await b.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('push mode: a version whose diagnostics did not change is not published again; every other one is', async () => {
  const p = await startClient({ pull: false, env: { XXGKNB_TRACE: '1' } });
  try {
    const uri = untitled('push.md');
    const pushesOf = (version: number) => p.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === uri && (n.params as PublishDiagnosticsParams).version === version);
    const done = (version: number, from: number) => p.waitFor<TraceParams>('xxgknb/trace', (t) => t.uri === uri && t.version === version, { from });
    await p.open(uri, text, 'markdown');
    const first = await p.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 1);
    assert.equal(first.diagnostics.filter((d) => d.code === 't4-total').length, 1);
    let current = text;
    let version = 1;
    // Typing in prose far from every diagnostic: nothing is sent; what the client shows is still right.
    for (const ch of ['规', '范']) {
      const from = p.notifications.length;
      const at = endOf(current, PROSE_LINE);
      await p.change(uri, [{ range: { start: at, end: at }, text: ch }]);
      current = p.text(uri);
      version++;
      assert.equal((await done(version, from)).unchanged, true, `typing "${ch}"`);
      assert.deepEqual(pushesOf(version), [], `typing "${ch}" published nothing`);
      assert.deepEqual(await shownAfter(p, uri, version), await fromScratch(current, uri), 'and a fresh server agrees');
    }
    // A line break moves every diagnostic below it: published.
    const at = endOf(current, PROSE_LINE);
    await p.change(uri, [{ range: { start: at, end: at }, text: '\n' }]);
    current = p.text(uri);
    version++;
    const moved = await p.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === version);
    assert.deepEqual(moved.diagnostics, await fromScratch(current, uri));
    assert.equal(moved.diagnostics.find((d) => d.code === 't4-total')!.range.start.line, first.diagnostics.find((d) => d.code === 't4-total')!.range.start.line + 1);
    // Taken out again: the diagnostics are those of version 1, not those the client has now, so they are sent.
    await p.change(uri, [{ range: { start: at, end: { line: at.line + 1, character: 0 } }, text: '' }]);
    current = p.text(uri);
    version++;
    const back = await p.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === version);
    assert.deepEqual(back.diagnostics, first.diagnostics);
    // Closed (cleared) and opened again with the same text: published again.
    await p.close(uri);
    await p.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.diagnostics.length === 0);
    const from = p.notifications.length;
    await p.open(uri, current, 'markdown');
    const reopened = await p.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 1, { from });
    assert.deepEqual(reopened.diagnostics, await fromScratch(current, uri));
  } finally { await p.stop(); }
});

test('closed and opened again with another text at version 1: an id from before the close is answered in full', async () => {
  const uri = untitled('reopen.md');
  await c.open(uri, text, 'markdown');
  const first = await pull(c, uri);
  await c.close(uri);
  const other = exampleReport();
  await c.open(uri, other, 'markdown');
  const again = await pull(c, uri, first.resultId);
  assert.equal(again.kind, 'full');
  assert.deepEqual(again.items, await fromScratch(other, uri));
  assert.notEqual(again.resultId, first.resultId);
});

test('"the same as before" between the worker and the server survives a worker that dies and a burst of versions', async () => {
  const marker = '工作进程在此退出';
  const w = await startClient({ pull: true, env: { XXGKNB_TEST_WORKER_EXIT_ON: marker } });
  try {
    const uri = untitled('crash.md');
    await w.open(uri, text, 'markdown');
    const first = await pull(w, uri);
    const at = endOf(text, PROSE_LINE);
    // The worker dies on this version: it is reported as failed.
    await w.change(uri, [{ range: { start: at, end: at }, text: marker }]);
    const failed = await pull(w, uri, first.resultId);
    assert.equal(failed.kind, 'full');
    assert.equal(failed.items!.length, 1);
    // The marker removed: the text is the first one again, analysed by a new worker, which knows nothing sent before.
    await w.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + marker.length } }, text: '' }]);
    const back = await pull(w, uri, failed.resultId);
    assert.equal(back.kind, 'full');
    assert.deepEqual(back.items, first.items);
    // Typing in prose: unchanged again, on the new worker.
    await w.change(uri, [{ range: { start: at, end: at }, text: '字' }]);
    const typed = await pull(w, uri, back.resultId);
    assert.equal(typed.kind, 'unchanged');
    // Twenty versions without waiting, some moving the diagnostics and some not; then one pull with the last id.
    for (let i = 0; i < 20; i++) {
      const p = endOf(w.text(uri), PROSE_LINE);
      void w.change(uri, [{ range: { start: p, end: p }, text: i % 5 === 4 ? '\n' : '字' }]);
    }
    const end = await pull(w, uri, typed.resultId);
    const expected = await fromScratch(w.text(uri), uri);
    if (end.kind === 'unchanged') assert.deepEqual(back.items, expected);
    else assert.deepEqual(end.items, expected);
    assert.equal(end.kind, 'full', 'four line breaks moved the diagnostics');
  } finally { await w.stop(); }
});
