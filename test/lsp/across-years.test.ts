/**
 * Checks across years in the editor: last year's report in the folder of this year's (on disk, or open beside it) is
 * read by the server, and a carry-over that disagrees with it shows in this year's diagnostics, pulled or pushed, with
 * a related location in last year's file. Fixing the number, or last year's file changing, updates them.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { exampleReport } from '../../server/src/core/index';
import { RESCAN_MS } from '../../server/src/lsp/neighbours';
import { pathToUri, sleep, startClient, type Client } from './harness';

const carry = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'carry-over-mismatch');

/** A fresh folder and server for one test, both gone afterwards. */
async function inFolder(pull: boolean, body: (dir: string, c: Client) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-years-'));
  const c = await startClient({ pull });
  try { await body(dir, c); } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Pulls until carry-over-mismatch shows (the folder is read in the background; the server asks for a new pull). */
async function pulledCarry(c: Client, uri: string, tries = 100): Promise<Diagnostic[]> {
  let found: Diagnostic[] = [];
  for (let i = 0; i < tries && !found.length; i++) { found = carry(await c.pullDiagnostics(uri)); if (!found.length) await sleep(50); }
  return found;
}
/** This year's report with its 上年结转 row agreeing with the example's last year (四: 自然人 3, 总计 3). */
const agreeing = () => exampleReport({ cells: { '二|自然人': '3', '二|总计': '3', '一|自然人': '9', '一|总计': '11' } });

/** Last year's report with its carry-over (四) at `n` persons (三.（七） adjusted so its own table still adds up). */
const lastYearWith = (n: number) => exampleReport({ year: 2023, cells: { '四|自然人': String(n), '四|总计': String(n), '三.（七）|自然人': String(12 - n), '三.（七）|总计': String(14 - n) } });

test('pull: last year\'s report on disk beside this year\'s; a fix and a change of last year\'s file are followed', () => inFolder(true, async (dir, c) => {
    const lastYear = path.join(dir, '2023年报.md');
    fs.writeFileSync(lastYear, exampleReport({ year: 2023 }));
    fs.writeFileSync(path.join(dir, 'notes.txt'), '会议记录，与年报无关。');
    const uri = pathToUri(path.join(dir, '2024年报.md'));
    await c.open(uri, exampleReport(), 'markdown');
    let found = await pulledCarry(c, uri);
    assert.equal(found.length, 1, 'carry-over-mismatch against the file on disk');
    assert.match(found[0]!.message as string, /上年结转（自然人）为 2，而2023年报告结转下年度继续办理的为 3/);
    assert.equal(found[0]!.relatedInformation![0]!.location.uri, pathToUri(lastYear));
    assert.ok(c.serverRequests.includes('workspace/diagnostic/refresh'));
    // The status bar counts it (one warning more than the report has on its own: none).
    await c.waitFor<{ uri: string; warnings: number }>('xxgknb/status', (p) => p.uri === uri && p.warnings === 1);
    // This year's number corrected: gone.
    await c.change(uri, [{ text: agreeing() }]);
    assert.deepEqual(carry(await c.pullDiagnostics(uri)), []);
    // Last year's file changed on disk (its carry-over now 5): found again after the folder is read again.
    fs.writeFileSync(lastYear, lastYearWith(5));
    found = await pulledCarry(c, uri, 200);
    assert.match(found[0]?.message as string, /为 3，而2023年报告结转下年度继续办理的为 5/);
}));

test('push: last year\'s report open in the editor (unsaved text) counts; another body\'s report does not', () => inFolder(false, async (dir, c) => {
    fs.writeFileSync(path.join(dir, 'a-2023.md'), exampleReport({ year: 2023, organ: '某市人民政府办公室' }));
    // On disk last year's report agrees with this year's (四 = 2); in the editor, unsaved, it does not (四 = 3).
    fs.writeFileSync(path.join(dir, 'b-2023.md'), exampleReport({ year: 2023, cells: { '四|自然人': '2', '四|总计': '2', '三.（七）|自然人': '10', '三.（七）|总计': '12' } }));
    const lastYear = pathToUri(path.join(dir, 'b-2023.md'));
    await c.open(lastYear, exampleReport({ year: 2023 }), 'markdown'); // in the editor: 四 = 3
    const uri = pathToUri(path.join(dir, 'b-2024.md'));
    await c.open(uri, exampleReport(), 'markdown');
    const p = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri && carry(x.diagnostics).length > 0, { timeout: 15000 });
    assert.deepEqual(carry(p.diagnostics).map((d) => d.relatedInformation![0]!.location.uri), [lastYear]);
}));

test('push: last year\'s file changed on disk; this year\'s report with the same diagnostics of its own is published again with the new finding', () => inFolder(false, async (dir, c) => {
    const lastYear = path.join(dir, '2023年报.md');
    fs.writeFileSync(lastYear, exampleReport({ year: 2023 }));
    const uri = pathToUri(path.join(dir, '2024年报.md'));
    await c.open(uri, exampleReport(), 'markdown');
    // Published once last year's file is read (carry-over 3 there, 2 here).
    await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri && /为 2，而2023年报告结转下年度继续办理的为 3/.test(String(carry(x.diagnostics)[0]?.message)), { timeout: 15000 });
    // Last year's carry-over now 5. The folder is read again at most every RESCAN_MS, when a version is analysed.
    fs.writeFileSync(lastYear, lastYearWith(5));
    await sleep(RESCAN_MS + 100);
    const before = c.notifications.length;
    // The same text again: its own diagnostics do not change, the checks across years do.
    await c.change(uri, [{ text: exampleReport() }]);
    const p = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri && /为 2，而2023年报告结转下年度继续办理的为 5/.test(String(carry(x.diagnostics)[0]?.message)), { timeout: 15000, from: before });
    assert.equal(p.version, 2);
}));

test('push: last year\'s report edited in the editor: this year\'s, open beside it and not touched, is published again at once', () => inFolder(false, async (dir, c) => {
    const lastYear = pathToUri(path.join(dir, '2023年报.md'));
    const uri = pathToUri(path.join(dir, '2024年报.md'));
    await c.open(lastYear, lastYearWith(3), 'markdown');
    await c.open(uri, exampleReport(), 'markdown');
    const carried = (n: number, from: number) => c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri && new RegExp(`为 2，而2023年报告结转下年度继续办理的为 ${n}`).test(String(carry(x.diagnostics)[0]?.message)), { from, timeout: 15000 });
    await carried(3, 0);
    // Well within RESCAN_MS of the folder's first reading: only the editor's analysis of last year's report can tell.
    let from = c.notifications.length;
    await c.change(lastYear, [{ text: lastYearWith(5) }]);
    assert.equal((await carried(5, from)).version, 1);
    // Last year's carry-over set to this year's 上年结转 (2): the finding goes.
    from = c.notifications.length;
    await c.change(lastYear, [{ text: lastYearWith(2) }]);
    const p = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri, { from, timeout: 15000 });
    assert.deepEqual(carry(p.diagnostics), []);
    // Disagreeing again, then closed without ever being saved: last year's report is gone, and the finding with it.
    from = c.notifications.length;
    await c.change(lastYear, [{ text: lastYearWith(5) }]);
    await carried(5, from);
    from = c.notifications.length;
    await c.close(lastYear);
    const closed = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri, { from, timeout: 15000 });
    assert.deepEqual(carry(closed.diagnostics), []);
}));

test('pull: last year\'s report edited in the editor: the client is asked to pull again, and this year\'s shows the new finding', () => inFolder(true, async (dir, c) => {
    const lastYear = pathToUri(path.join(dir, '2023年报.md'));
    const uri = pathToUri(path.join(dir, '2024年报.md'));
    // As VS Code: each document's diagnostics pulled once it is open, and again after each change.
    await c.open(lastYear, lastYearWith(3), 'markdown');
    await c.pullDiagnostics(lastYear);
    await c.open(uri, exampleReport(), 'markdown');
    assert.match(String((await pulledCarry(c, uri))[0]?.message), /为 2，而2023年报告结转下年度继续办理的为 3/);
    await sleep(200);
    const refreshes = () => c.serverRequests.filter((m) => m === 'workspace/diagnostic/refresh').length;
    const before = refreshes();
    await c.change(lastYear, [{ text: lastYearWith(5) }]);
    await c.pullDiagnostics(lastYear);
    for (let i = 0; i < 200 && refreshes() === before; i++) await sleep(25);
    assert.ok(refreshes() > before, 'workspace/diagnostic/refresh after last year\'s report changed');
    assert.match(String(carry(await c.pullDiagnostics(uri))[0]?.message), /为 2，而2023年报告结转下年度继续办理的为 5/);
}));

test('push: the editor\'s file watcher says last year\'s file changed: this year\'s report is published again without an edit', () => inFolder(false, async (dir, c) => {
    const lastYear = path.join(dir, '2023年报.md');
    fs.writeFileSync(lastYear, lastYearWith(3));
    const uri = pathToUri(path.join(dir, '2024年报.md'));
    await c.open(uri, exampleReport(), 'markdown');
    await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri && /的为 3/.test(String(carry(x.diagnostics)[0]?.message)), { timeout: 15000 });
    const from = c.notifications.length;
    fs.writeFileSync(lastYear, lastYearWith(5));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(lastYear), type: 2 }] });
    const p = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri && /的为 5/.test(String(carry(x.diagnostics)[0]?.message)), { from, timeout: 15000 });
    assert.equal(p.version, 1);
}));

test('xxgknb/checkDocuments ("check the workspace") compares each report with the others in its folder too', () => inFolder(true, async (dir, c) => {
    const lastYear = path.join(dir, '2023.md'), thisYear = path.join(dir, '2024.md');
    fs.writeFileSync(lastYear, exampleReport({ year: 2023 }));
    fs.writeFileSync(thisYear, exampleReport());
    const r = await c.request<{ results: { uri: string; diagnostics: Diagnostic[] }[] }>('xxgknb/checkDocuments', {
      documents: [{ uri: pathToUri(thisYear), text: exampleReport(), languageId: 'markdown' }, { uri: pathToUri(lastYear), text: exampleReport({ year: 2023 }), languageId: 'markdown' }],
    });
    assert.deepEqual(r.results.map((x) => carry(x.diagnostics).map((d) => d.relatedInformation![0]!.location.uri)), [[pathToUri(lastYear)], []]);
}));

test('folders named by year: this year\'s report in 2024年/ is compared with last year\'s in 2023年/', () => inFolder(true, async (dir, c) => {
    fs.mkdirSync(path.join(dir, '2023年'));
    fs.mkdirSync(path.join(dir, '2024年'));
    fs.mkdirSync(path.join(dir, '2022年'));
    const lastYear = path.join(dir, '2023年', '年度报告.md');
    fs.writeFileSync(lastYear, exampleReport({ year: 2023 }));
    fs.writeFileSync(path.join(dir, '2022年', '年度报告.md'), exampleReport({ year: 2022 }));
    const uri = pathToUri(path.join(dir, '2024年', '年度报告.md'));
    await c.open(uri, exampleReport(), 'markdown');
    const found = await pulledCarry(c, uri);
    assert.deepEqual(found.map((d) => d.relatedInformation![0]!.location.uri), [pathToUri(lastYear)]);
}));
