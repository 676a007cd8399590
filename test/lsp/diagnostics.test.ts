/**
 * Diagnostics over real stdio JSON-RPC against dist/server.js:
 *  - pull when the client advertises textDocument.diagnostic, push otherwise, never both;
 *  - every rule's failing example gives the same diagnostics as the core (code, range, message, mapped severity),
 *    with codeDescription.href to the rule page, source xxgknb, related information for relation cells;
 *  - xxgknb/status after each analysis;
 *  - configuration change (a rule off) → workspace/diagnostic/refresh (pull) or a new push;
 *  - the project file .xxgknb.json, overridden by editor settings; enable / detectContent;
 *  - a plain Markdown file gets nothing; the huge-document information diagnostic; English locale;
 *  - xxgknb/checkDocuments.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyze, exampleReport, RULE_BY_CODE, RULES } from '../../server/src/core/index';
import { corpusFile, msg, pathToUri, sleep, startClient, untitled, type Client } from './harness';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;
const HONGZE = 'real/2023-huaian-hongze-district-pdftext.txt';
const DOC_BASE = 'https://github.com/xxgknb/xxgknb/blob/main/docs/rules/';

interface Status { uri: string; isReport: boolean; era: string | null; errors: number; warnings: number }

const brief = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${msg(d)}`;

describe('pull diagnostics (client advertises textDocument.diagnostic)', () => {
  let c: Client;
  before(async () => { c = await startClient({ pull: true }); });
  after(async () => { await c.stop(); });

  test('a corpus report: rule codes, doc links, source, related cells; no publishDiagnostics ever', async () => {
    const f = corpusFile(HONGZE);
    await c.open(f.uri, f.text);
    const items = await c.pullDiagnostics(f.uri);
    const codes = items.map((d) => d.code);
    assert.ok(codes.includes('t4-total'), codes.join());
    for (const d of items) {
      assert.equal(d.source, 'xxgknb');
      assert.equal(d.codeDescription?.href, `${DOC_BASE}${d.code}.md`);
    }
    const total = items.find((d) => d.code === 't4-total' && d.range.start.line === 111 && d.range.start.character === 9);
    assert.ok(total, items.map(brief).join('\n'));
    assert.equal(total.severity, 1);
    assert.match(msg(total), /0 = 10 \+ 1 \+ 0 \+ 0/);
    // The other cells of the relation: 结果维持 10, 结果纠正 1, 其他结果 0, 尚未审结 0.
    const related = total.relatedInformation ?? [];
    assert.equal(related.length, 4);
    assert.ok(related.every((r) => r.location.uri === f.uri && r.location.range.start.line === 111));
    assert.deepEqual(related.map((r) => r.message), ['行政复议 × 结果维持：10', '行政复议 × 结果纠正：1', '行政复议 × 其他结果：0', '行政复议 × 尚未审结：0']);

    const status = await c.waitFor<Status>('xxgknb/status', (s) => s.uri === f.uri);
    assert.deepEqual(status, { uri: f.uri, isReport: true, era: '2021', errors: items.filter((d) => d.severity === 1).length, warnings: items.filter((d) => d.severity === 2).length });
    // Push must stay silent in pull mode (VS Code would show every problem twice).
    await sleep(300);
    assert.deepEqual(c.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics'), []);
  });

  test('every rule\'s failing example: the same diagnostics as the core, severities mapped', async () => {
    // (Checks across years compare a report with the others in its folder: these untitled documents have none.)
    for (const rule of RULES.filter((r) => !r.across)) {
      const uri = untitled(`${rule.code}.md`);
      const text = rule.examples.failing;
      await c.open(uri, text, 'markdown');
      const items = await c.pullDiagnostics(uri);
      const core = analyze(text, { format: 'markdown', config: { locale: 'zh' } }).diagnostics;
      assert.ok(core.some((d) => d.code === rule.code), `core finds no ${rule.code} in its own example`);
      assert.deepEqual(items.map(brief), core.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${SEVERITY[d.severity]} ${d.message}`), rule.code);
      assert.deepEqual(items.map((d) => (d.relatedInformation ?? []).length), core.map((d) => d.related.length), rule.code);
      await c.close(uri);
    }
    assert.deepEqual(c.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics'), []);
  });

  test('a rule turned off in the settings → workspace/diagnostic/refresh, and the next pull lacks it', async () => {
    const f = corpusFile(HONGZE);
    const before1 = await c.pullDiagnostics(f.uri);
    assert.ok(before1.some((d) => d.code === 't4-total'));
    c.settings['*'] = { rules: { 't4-total': 'off', 'gov-assessment-missing': 'error' } };
    const seen = c.serverRequests.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    for (let i = 0; i < 100 && !c.serverRequests.slice(seen).includes('workspace/diagnostic/refresh'); i++) await sleep(20);
    assert.ok(c.serverRequests.slice(seen).includes('workspace/diagnostic/refresh'), c.serverRequests.join());
    const after1 = await c.pullDiagnostics(f.uri);
    assert.ok(!after1.some((d) => d.code === 't4-total'), after1.map(brief).join('\n'));
    assert.equal(after1.find((d) => d.code === 'gov-assessment-missing')?.severity, 1);
    c.settings['*'] = null;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await sleep(50);
    assert.ok((await c.pullDiagnostics(f.uri)).some((d) => d.code === 't4-total'));
  });

  test('.xxgknb.json up the folder tree applies; editor settings override it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-proj-'));
    try {
      fs.writeFileSync(path.join(dir, '.xxgknb.json'), JSON.stringify({ rules: { 't4-total': 'off', 'table-other-era': 'info' } }));
      fs.mkdirSync(path.join(dir, 'reports', '2023'), { recursive: true });
      const file = path.join(dir, 'reports', '2023', 'report.txt');
      const uri = pathToUri(file);
      await c.open(uri, corpusFile(HONGZE).text);
      const items = await c.pullDiagnostics(uri);
      assert.ok(!items.some((d) => d.code === 't4-total'), items.map(brief).join('\n'));
      assert.equal(items.find((d) => d.code === 'table-other-era')?.severity, 3);
      // VS Code settings win over the project file.
      c.settings[uri] = { rules: { 't4-total': 'warning' } };
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await sleep(50);
      const again = await c.pullDiagnostics(uri);
      assert.ok(again.some((d) => d.code === 't4-total' && d.severity === 2), again.map(brief).join('\n'));
      assert.equal(again.find((d) => d.code === 'table-other-era')?.severity, 3);
      delete c.settings[uri];
      await c.close(uri);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a broken .xxgknb.json is shown to the user once (window/showMessage), and what is valid in it still applies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-proj-'));
    try {
      fs.writeFileSync(path.join(dir, '.xxgknb.json'), JSON.stringify({ rule: { 't4-total': 'off' }, rules: { 't4-total': 'off', 'no-such-rule': 'off' } }));
      const from = c.notifications.length;
      const first = pathToUri(path.join(dir, 'a.txt')), second = pathToUri(path.join(dir, 'b.txt'));
      await c.open(first, corpusFile(HONGZE).text);
      assert.ok(!(await c.pullDiagnostics(first)).some((d) => d.code === 't4-total'), 'the valid part applies');
      const shown = await c.waitFor<{ type: number; message: string }>('window/showMessage', (m) => m.message.includes('no-such-rule'), { from });
      assert.equal(shown.type, 2, 'a warning');
      assert.match(shown.message, /未知的配置项 rule（/);
      assert.match(shown.message, /未知的规则代码 no-such-rule/);
      // A second report under the same project file: the same problems are not shown again.
      await c.open(second, corpusFile(HONGZE).text);
      await c.pullDiagnostics(second);
      await sleep(100);
      assert.equal(c.notifications.slice(from).filter((n) => n.method === 'window/showMessage').length, 1);
      await c.close(first);
      await c.close(second);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('enable / detectContent: off means nothing; the xxgknb language is always checked', async () => {
    const text = exampleReport({ cells: { '行政复议|总计': '5' } });
    const md = untitled('report.md'), own = untitled('report.xxgknb.md');
    await c.open(md, text, 'markdown');
    await c.open(own, text, 'xxgknb');
    assert.ok((await c.pullDiagnostics(md)).some((d) => d.code === 't4-total'));
    c.settings['*'] = { detectContent: false };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await sleep(50);
    assert.deepEqual(await c.pullDiagnostics(md), []);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: md } }), []);
    assert.ok((await c.pullDiagnostics(own)).some((d) => d.code === 't4-total'));
    c.settings['*'] = { enable: false };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await sleep(50);
    assert.deepEqual(await c.pullDiagnostics(own), []);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: own } }), []);
    c.settings['*'] = null;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await sleep(50);
    assert.ok((await c.pullDiagnostics(own)).length > 0);
    await c.close(md);
    await c.close(own);
  });

  test('the xxgknb language makes even a fragment a report; content decides for Markdown', async () => {
    const fragment = '一、总体情况\n\n本年度共收到申请3件，均已办结。\n';
    const asMd = untitled('fragment.md'), asOwn = untitled('fragment.xxgknb.md');
    await c.open(asMd, fragment, 'markdown');
    await c.open(asOwn, fragment, 'xxgknb');
    assert.deepEqual(await c.pullDiagnostics(asMd), []);
    const own = await c.pullDiagnostics(asOwn);
    assert.ok(own.some((d) => d.code === 'section-missing'), own.map(brief).join('\n'));
    const st = await c.waitFor<Status>('xxgknb/status', (s) => s.uri === asOwn);
    assert.equal(st.isReport, true);
    assert.equal((await c.waitFor<Status>('xxgknb/status', (s) => s.uri === asMd)).isReport, false);
  });

  test('a plain Markdown file gets nothing from any feature', async () => {
    const uri = untitled('notes.md');
    const text = '# 会议纪要\n\n## 一、议题\n\n讨论了表格：\n\n| 项目 | 数量 |\n| --- | --- |\n| 申请 | 3 |\n\n## 二、结论\n\n- 下一步工作\n';
    await c.open(uri, text, 'markdown');
    const td = { textDocument: { uri } };
    const everything = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    assert.deepEqual(await c.pullDiagnostics(uri), []);
    assert.deepEqual(await c.request('textDocument/documentSymbol', td), []);
    assert.deepEqual(await c.request('textDocument/foldingRange', td), []);
    assert.equal(await c.request('textDocument/hover', { ...td, position: { line: 2, character: 4 } }), null);
    assert.deepEqual(await c.request('textDocument/completion', { ...td, position: { line: 13, character: 0 } }), []);
    assert.deepEqual(await c.request('textDocument/codeAction', { ...td, range: everything, context: { diagnostics: [] } }), []);
    assert.deepEqual(await c.request('textDocument/inlayHint', { ...td, range: everything }), []);
    const st = await c.waitFor<Status>('xxgknb/status', (s) => s.uri === uri);
    assert.equal(st.isReport, false);
    await c.close(uri);
  });

  test('a document over 2 MB gets one information diagnostic and does not stall the server', async () => {
    const big = untitled('huge.txt');
    const text = exampleReport() + '\n' + '本年度政府信息公开工作稳步推进。\n'.repeat(60_000);
    assert.ok(Buffer.byteLength(text) > 2 * 1024 * 1024);
    const t0 = Date.now();
    await c.open(big, text, 'plaintext');
    const items = await c.pullDiagnostics(big);
    assert.equal(items.length, 1, items.map(brief).join('\n'));
    assert.equal(items[0]!.severity, 3);
    assert.match(msg(items[0]!), /2 MB/);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: big } }), []);
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    // Unrelated huge Markdown: nothing at all.
    const other = untitled('huge-notes.md');
    await c.open(other, 'lorem ipsum\n'.repeat(200_000), 'markdown');
    assert.deepEqual(await c.pullDiagnostics(other), []);
    await c.close(big);
    await c.close(other);
  });

  test('xxgknb/checkDocuments: diagnostics per uri for documents the editor has not opened', async () => {
    const a = corpusFile(HONGZE), b = corpusFile('real/2024-huaian-city.md');
    const r = await c.request<{ results: { uri: string; isReport: boolean; era: string | null; diagnostics: Diagnostic[] }[] }>('xxgknb/checkDocuments', {
      documents: [
        { uri: 'file:///elsewhere/a.txt', text: a.text, languageId: 'plaintext' },
        { uri: 'file:///elsewhere/b.md', text: b.text, languageId: 'markdown' },
        { uri: 'file:///elsewhere/notes.md', text: '# 购物清单\n\n- 苹果\n', languageId: 'markdown' },
      ],
    });
    assert.deepEqual(r.results.map((x) => [x.uri, x.isReport, x.era]), [
      ['file:///elsewhere/a.txt', true, '2021'], ['file:///elsewhere/b.md', true, '2021'], ['file:///elsewhere/notes.md', false, null],
    ]);
    const core = analyze(a.text, { config: { locale: 'zh' } }).diagnostics;
    assert.deepEqual(r.results[0]!.diagnostics.map((d) => d.code), core.map((d) => d.code));
    assert.deepEqual(r.results[2]!.diagnostics, []);
    await assert.rejects(c.request('xxgknb/checkDocuments', { documents: 'nope' }), /documents/);
  });
});

describe('push diagnostics (client without textDocument.diagnostic, like Neovim 0.7)', () => {
  let c: Client;
  before(async () => { c = await startClient({ pull: false }); });
  after(async () => { await c.stop(); });

  test('no diagnosticProvider; publishDiagnostics with the version, the same items as pull', async () => {
    assert.equal(c.init.capabilities.diagnosticProvider, undefined);
    const f = corpusFile(HONGZE);
    await c.open(f.uri, f.text);
    const pushed = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === f.uri);
    assert.equal(pushed.version, 1);
    const core = analyze(f.text, { config: { locale: 'zh' } }).diagnostics;
    assert.deepEqual(pushed.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.severity}`), core.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${SEVERITY[d.severity]}`));
    assert.ok(pushed.diagnostics.every((d) => d.source === 'xxgknb' && d.codeDescription?.href === `${DOC_BASE}${d.code}.md`));
  });

  test('configuration change → a new push without the rule; back on → it returns', async () => {
    const f = corpusFile(HONGZE);
    const from = c.notifications.length;
    c.settings['*'] = { rules: { 't4-total': 'off' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === f.uri, { from });
    assert.ok(!p.diagnostics.some((d) => d.code === 't4-total'));
    assert.ok(p.diagnostics.length > 0);
    const from2 = c.notifications.length;
    c.settings['*'] = null;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p2 = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === f.uri, { from: from2 });
    assert.ok(p2.diagnostics.some((d) => d.code === 't4-total'));
  });

  test('settings pushed with didChangeConfiguration work for clients without workspace/configuration', async () => {
    const d = await startClient({ pull: false, configuration: false });
    try {
      const f = corpusFile(HONGZE);
      await d.open(f.uri, f.text);
      await d.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === f.uri && x.diagnostics.some((y) => y.code === 't4-total'));
      const from = d.notifications.length;
      await d.conn.sendNotification('workspace/didChangeConfiguration', { settings: { xxgknb: { rules: { 't4-total': 'off' } } } });
      const p = await d.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === f.uri, { from });
      assert.ok(!p.diagnostics.some((y) => y.code === 't4-total'));
    } finally {
      await d.stop();
    }
  });

  test('settings given in initializationOptions apply from the first push', async () => {
    const d = await startClient({ pull: false, configuration: false, initializationOptions: { settings: { xxgknb: { rules: { 't4-total': 'off', 'table-other-era': 'hint' } } } } });
    try {
      const f = corpusFile(HONGZE);
      await d.open(f.uri, f.text);
      const p = await d.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === f.uri);
      assert.ok(!p.diagnostics.some((y) => y.code === 't4-total'));
      assert.equal(p.diagnostics.find((y) => y.code === 'table-other-era')?.severity, 4);
    } finally {
      await d.stop();
    }
  });

  test('closing a report clears its diagnostics; a non-report is never pushed', async () => {
    const f = corpusFile(HONGZE);
    const from = c.notifications.length;
    await c.close(f.uri);
    const cleared = await c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === f.uri, { from });
    assert.deepEqual(cleared.diagnostics, []);
    const notes = untitled('notes.md');
    await c.open(notes, '# 笔记\n\n今天天气很好。\n', 'markdown');
    await c.waitFor<Status>('xxgknb/status', (s) => s.uri === notes);
    await sleep(200);
    assert.ok(!c.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === notes));
  });
});

describe('locale', () => {
  test('English when the client locale is English (initialize params or initializationOptions)', async () => {
    for (const opts of [{ locale: 'en' }, { locale: 'zh-cn', initializationOptions: { locale: 'en-US' } }]) {
      const c = await startClient({ pull: true, ...opts });
      try {
        const f = corpusFile(HONGZE);
        await c.open(f.uri, f.text);
        const items = await c.pullDiagnostics(f.uri);
        const total = items.find((d) => d.code === 't4-total')!;
        assert.match(msg(total), /^行政复议 × 总计 is 0; 11 would satisfy/);
        const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: f.uri }, position: { line: 111, character: 9 } });
        assert.match(hover.contents.value, /Value: 0\b/);
        assert.match(hover.contents.value, /As written: "0" · Kind: number/);
        assert.ok(hover.contents.value.includes(RULE_BY_CODE.get('t4-total')!.title.en), hover.contents.value);
        assert.ok(hover.contents.value.includes(RULE_BY_CODE.get('t4-total')!.description.en));
      } finally {
        await c.stop();
      }
    }
  });

  test('Simplified Chinese otherwise', async () => {
    const c = await startClient({ pull: true, locale: 'fr' });
    try {
      const f = corpusFile(HONGZE);
      await c.open(f.uri, f.text);
      const items = await c.pullDiagnostics(f.uri);
      assert.match(msg(items.find((d) => d.code === 't4-total')!), /为 0，应为 11/);
    } finally {
      await c.stop();
    }
  });
});
