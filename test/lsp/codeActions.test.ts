/**
 * Code actions over stdio against dist/server.js. Each action's WorkspaceEdit is applied to the text here, the
 * new text is sent back (didChange) and the diagnostic it fixes must be gone:
 *  - every quick fix the core offers for every rule's failing example;
 *  - inserting a missing standard table (table-missing), replacing a placeholder with 0;
 *  - source.fixAll.xxgknb (only safe fixes, never overlapping; checked again and fixed in rounds; resolved lazily);
 *  - rewriting tab-separated / PDF-text / run-together tables as Markdown pipe tables: re-parsed, every cell
 *    reads the same, and the text outside the table is untouched.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { exampleReport, RULES, type ReportModel } from '../../server/src/core/index';
import { applyWorkspaceEdit, corpusFile, msg, replaceAndPull, startClient, untitled, type Client } from './harness';

let c: Client;
before(async () => { c = await startClient({ pull: true }); });
after(async () => { await c.stop(); });

const ALL: Range = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

function actions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;

describe('quick fixes', () => {
  test('every fix of every rule example: applied, the diagnostic it answers is gone', async () => {
    const applied = new Set<string>();
    for (const rule of RULES) {
      const uri = untitled(`${rule.code}.md`);
      const text = rule.examples.failing;
      await c.open(uri, text, 'markdown');
      const diags = (await c.pullDiagnostics(uri)).filter((d) => d.code === rule.code);
      for (const d of diags) {
        const fixes = (await actions(uri, d.range, [d], ['quickfix'])).filter((a) => a.diagnostics?.some((x) => key(x) === key(d) && msg(x) === msg(d)));
        for (const fix of fixes) {
          assert.equal(fix.kind, 'quickfix');
          const fixed = applyWorkspaceEdit(text, uri, fix.edit);
          assert.notEqual(fixed, text, `${rule.code}: "${fix.title}" changes nothing`);
          const after = await replaceAndPull(c, uri, fixed);
          assert.ok(!after.some((x) => x.code === d.code && msg(x) === msg(d)), `${rule.code}: "${fix.title}" left ${msg(d)}`);
          assert.ok(after.filter((x) => x.code === rule.code).length < diags.length, `${rule.code}: "${fix.title}" did not reduce the ${rule.code} problems`);
          await c.change(uri, [{ text }]);
          applied.add(rule.code);
        }
      }
      await c.close(uri);
    }
    // The core's fixes (section-missing, section-numbering, heading-nonstandard, the three arithmetic totals,
    // cell-missing-value) and the server's table insertion for table-missing were all exercised.
    for (const code of ['section-missing', 'section-numbering', 'heading-nonstandard', 't3-results-total', 't3-row-total', 't4-total', 'cell-missing-value', 'table-missing']) {
      assert.ok(applied.has(code), `no fix applied for ${code}: ${[...applied].join(', ')}`);
    }
  });

  test('the arithmetic fix is preferred (safe) and touches only the total', async () => {
    const f = corpusFile('real/2023-huaian-hongze-district-pdftext.txt');
    await c.open(f.uri, f.text);
    const d = (await c.pullDiagnostics(f.uri)).find((x) => x.code === 't4-total' && x.range.start.line === 111 && x.range.start.character === 9)!;
    const [fix] = await actions(f.uri, d.range, [d], ['quickfix']);
    assert.ok(fix);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit?.changes?.[f.uri], [{ range: d.range, newText: '11' }]);
    const after = await replaceAndPull(c, f.uri, applyWorkspaceEdit(f.text, f.uri, fix.edit));
    assert.ok(!after.some((x) => x.code === 't4-total' && x.range.start.line === 111 && x.range.start.character === 9));
    assert.ok(after.some((x) => x.code === 't4-total'), 'the 复议后起诉 total is still wrong');
    await c.close(f.uri);
  });

  test('a malformed context.only (a string) is no filter: the actions are offered, not a logged TypeError and none', async () => {
    const uri = untitled('only.md');
    await c.open(uri, exampleReport({ cells: { '行政复议|总计': '9' } }), 'markdown');
    const d = (await c.pullDiagnostics(uri)).find((x) => x.code === 't4-total')!;
    const got = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: 'quickfix' } });
    assert.ok(got.some((a) => a.kind === 'quickfix' && a.isPreferred), JSON.stringify(got.map((a) => a.title)));
    await c.close(uri);
  });

  test('a lone total the prose states as written is fixed only on request: not preferred, and fix-all leaves it', async () => {
    // 行政复议 结果维持 typed 2 for 1: the addends make 3, the 总计 and the overview say 2.
    const uri = untitled('prose-backs-total.md');
    const text = exampleReport({ cells: { '行政复议|结果维持': '2' }, extraIntro: '全年共发生行政复议2件。' });
    await c.open(uri, text, 'markdown');
    const d = (await c.pullDiagnostics(uri)).find((x) => x.code === 't4-total')!;
    assert.match(msg(d), /正文“行政复议2件”与该总计一致/);
    assert.ok(d.relatedInformation?.some((r) => r.message.includes('行政复议2件')), JSON.stringify(d.relatedInformation));
    const [fix] = await actions(uri, d.range, [d], ['quickfix']);
    assert.equal(fix?.isPreferred, false);
    assert.equal(fix?.edit?.changes?.[uri]?.[0]?.newText, '3');
    assert.deepEqual(await actions(uri, ALL, [], ['source.fixAll.xxgknb']), [], 'nothing certain to fix: no fix-all');
    await c.close(uri);
  });

  test('a placeholder becomes 0 (not preferred: the clerk must know it is really 0)', async () => {
    const uri = untitled('placeholder.md');
    const text = exampleReport({ cells: { '三.（三）.1|自然人': '—' } });
    await c.open(uri, text, 'markdown');
    const d = (await c.pullDiagnostics(uri)).find((x) => x.code === 'cell-missing-value')!;
    const fix = (await actions(uri, d.range, [d])).find((a) => a.kind === 'quickfix')!;
    assert.equal(fix.isPreferred, false);
    const fixed = applyWorkspaceEdit(text, uri, fix.edit);
    assert.equal(fixed, exampleReport());
    assert.ok(!(await replaceAndPull(c, uri, fixed)).some((x) => x.code === 'cell-missing-value'));
    await c.close(uri);
  });

  test('table-missing: the standard table is inserted at the end of its section', async () => {
    for (const kind of ['T2', 'T3', 'T4'] as const) {
      const uri = untitled(`no-${kind}.md`);
      const text = exampleReport({ omitTables: [kind] });
      await c.open(uri, text, 'markdown');
      const d = (await c.pullDiagnostics(uri)).find((x) => x.code === 'table-missing')!;
      assert.ok(d, kind);
      const insert = (await actions(uri, d.range, [d], ['quickfix'])).find((a) => a.title.includes('插入'))!;
      assert.ok(insert, kind);
      const [edit] = insert.edit!.changes![uri]!;
      assert.deepEqual(edit!.range.start, edit!.range.end, 'an insertion');
      const fixed = applyWorkspaceEdit(text, uri, insert.edit);
      const after = await replaceAndPull(c, uri, fixed);
      assert.ok(!after.some((x) => x.code === 'table-missing'), `${kind}: ${after.map((x) => msg(x)).join('; ')}`);
      const model = await c.request<ReportModel>('xxgknb/model', { uri });
      const table = model.tables.find((tb) => tb.kind === kind)!;
      assert.ok(table && table.representation === 'pipe', kind);
      assert.ok(table.cells.every((cell) => cell.value === 0), `${kind}: defaults are 0`);
      // It sits in its own section: 二 for 表二, 三 for 表三, 四 for 表四.
      const home = { T2: '二、', T3: '三、', T4: '四、' }[kind];
      const section = model.sections.find((s) => s.title.includes(home))!;
      assert.ok(table.range.start.line > section.headingRange.start.line && table.range.start.line <= section.range.end.line, kind);
      await c.close(uri);
    }
  });
});

describe('inserting a missing table in real reports', () => {
  const insertActions = async (uri: string, d: Diagnostic) => (await actions(uri, d.range, [d], ['quickfix'])).filter((a) => a.title.includes('插入'));
  const titles = (m: ReportModel) => m.sections.map((sec) => sec.title);

  test('seeds/002 (2019, in the 2008 order: 四、收费及减免情况, 五、申请行政复议…): 表二, 表三 and 表四 are each inserted and read, nothing else changes', async () => {
    const f = corpusFile('seeds/002_9d98c4465ad221fa.txt');
    await c.open(f.uri, f.text);
    const before = await c.pullDiagnostics(f.uri);
    const sectionsBefore = titles(await c.request<ReportModel>('xxgknb/model', { uri: f.uri }));
    const missing = before.filter((d) => d.code === 'table-missing');
    assert.equal(missing.length, 3, 'the report has none of the three tables');
    const inserted: string[] = [];
    for (const d of missing) {
      const [insert, ...more] = await insertActions(f.uri, d);
      assert.ok(insert && !more.length, msg(d));
      assert.equal(insert.isPreferred, true);
      const after = await replaceAndPull(c, f.uri, applyWorkspaceEdit(f.text, f.uri, insert.edit));
      assert.ok(!after.some((x) => x.code === 'table-missing' && msg(x) === msg(d)), `${insert.title}: ${msg(d)} stays`);
      // The headings and the other tables are read as before: no heading swallowed by the table, no stray row.
      assert.deepEqual(after.filter((x) => ['section-numbering', 'table-row-unknown', 'section-missing'].includes(String(x.code))).map(msg),
        before.filter((x) => ['section-numbering', 'table-row-unknown', 'section-missing'].includes(String(x.code))).map(msg), insert.title);
      const model = await c.request<ReportModel>('xxgknb/model', { uri: f.uri });
      assert.deepEqual(titles(model), sectionsBefore, `${insert.title}: the headings read the same`);
      inserted.push(model.tables.map((t) => t.kind).join());
      await c.change(f.uri, [{ text: f.text }]);
    }
    assert.deepEqual(inserted, ['T2', 'T3', 'T4']);
    await c.close(f.uri);
  });

  test('real/2024-shanghai-stcsm.md without 表三: not offered, since 表三 at the end of 四、政府信息公开申请情况 would come before 表二, which is printed later', async () => {
    const f = corpusFile('real/2024-shanghai-stcsm.md');
    await c.open(f.uri, f.text);
    await c.pullDiagnostics(f.uri);
    const t3 = (await c.request<ReportModel>('xxgknb/model', { uri: f.uri })).tables.find((t) => t.kind === 'T3')!;
    const lines = f.text.split('\n');
    const text = [...lines.slice(0, t3.range.start.line), ...lines.slice(t3.range.end.line + 1)].join('\n');
    const d = (await replaceAndPull(c, f.uri, text)).find((x) => x.code === 'table-missing')!;
    assert.ok(d && msg(d).includes('收到和处理政府信息公开申请情况表'), 'only 表三 is missing');
    assert.deepEqual(await insertActions(f.uri, d), []);
    await c.close(f.uri);
  });
});

describe('inserting a missing table: not in HTML', () => {
  test('an HTML page missing 表四 gets no Markdown table inserted (it would show as text)', async () => {
    const uri = untitled('no-t4.html');
    const body = exampleReport({ omitTables: ['T4'] }).split('\n').map((l) => `<p>${l}</p>`).join('\n');
    await c.open(uri, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>\n`, 'html');
    const d = (await c.pullDiagnostics(uri)).find((x) => x.code === 'table-missing')!;
    assert.ok(d, 'table-missing is reported');
    assert.deepEqual((await actions(uri, d.range, [d], ['quickfix'])).filter((a) => a.title.includes('插入')), []);
    await c.close(uri);
  });
});

describe('source.fixAll.xxgknb', () => {
  test('applies every safe fix at once; unsafe ones stay', async () => {
    const uri = untitled('fixall.md');
    const text = exampleReport({ cells: { '行政复议|总计': '5', '三.（七）|总计': '10', '三.（三）.2|自然人': '—' } });
    await c.open(uri, text, 'markdown');
    const before1 = await c.pullDiagnostics(uri);
    assert.ok(before1.some((d) => d.code === 't4-total'));
    assert.ok(before1.some((d) => d.code === 'cell-missing-value'));
    const list = await actions(uri, ALL, [], ['source.fixAll']);
    assert.equal(list.length, 1);
    assert.equal(list[0]!.kind, 'source.fixAll.xxgknb');
    const edits = list[0]!.edit!.changes![uri]!;
    for (let i = 1; i < edits.length; i++) {
      const a = edits[i - 1]!.range, b = edits[i]!.range;
      assert.ok(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character <= b.start.character), 'edits do not overlap');
    }
    const fixed = applyWorkspaceEdit(text, uri, list[0]!.edit);
    const after1 = await replaceAndPull(c, uri, fixed);
    assert.ok(!after1.some((d) => ['t4-total', 't3-results-total', 't3-row-total', 't3-balance'].includes(String(d.code))), after1.map((d) => msg(d)).join('\n'));
    assert.ok(after1.some((d) => d.code === 'cell-missing-value'), 'the unsafe placeholder fix is not applied');
    // Nothing safe left: no fix-all action.
    assert.deepEqual(await actions(uri, ALL, [], ['source.fixAll.xxgknb']), []);
    await c.close(uri);
  });

  // Two wrong 表四 totals and a sentence (行政复议3件): the second fix is certain only once the first is made (found by
  // fuzzing). Fix-all checks again after its fixes, as `check --fix` does: one action makes both.
  const twoRounds = () => exampleReport({ cells: { '复议后起诉|其他结果': '1', '行政复议|其他结果': '1' }, extraIntro: '全年共发生行政复议3件。' });
  async function fixedByAll(client: Client, uri: string, text: string, action: CodeAction | undefined): Promise<Diagnostic[]> {
    assert.ok(action?.edit, 'the action has its edit');
    const edits = action.edit.changes?.[uri] ?? (action.edit.documentChanges![0] as { edits: { range: Range }[] }).edits;
    for (let i = 1; i < edits.length; i++) {
      const a = edits[i - 1]!.range, b = edits[i]!.range;
      assert.ok(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character), 'edits neither overlap nor touch');
    }
    const fixed = applyWorkspaceEdit(text, uri, action.edit);
    await client.change(uri, [{ text: fixed }]);
    return client.pullDiagnostics(uri);
  }

  test('asked for by kind, makes a fix that becomes certain only after another (rounds, as check --fix); in the list, the fixes shown', async () => {
    const uri = untitled('rounds.md');
    const text = twoRounds();
    await c.open(uri, text, 'markdown');
    assert.equal((await c.pullDiagnostics(uri)).filter((d) => d.code === 't4-total').length, 2);
    const [action, ...rest] = (await actions(uri, ALL, [], ['source.fixAll'])).filter((a) => a.kind === 'source.fixAll.xxgknb');
    assert.equal(rest.length, 0);
    assert.deepEqual((await fixedByAll(c, uri, text, action)).filter((d) => d.code === 't4-total').map(msg), []);
    assert.deepEqual(await actions(uri, ALL, [], ['source.fixAll.xxgknb']), [], 'nothing safe is left');
    // The list every cursor move asks for, from a client that cannot resolve: the safe fixes shown (one round), so
    // that no cursor move runs rounds of checks before the next keystroke's.
    await c.change(uri, [{ text }]);
    await c.pullDiagnostics(uri);
    const listed = (await actions(uri, ALL, [])).find((a) => a.kind === 'source.fixAll.xxgknb');
    assert.equal((await fixedByAll(c, uri, text, listed)).filter((d) => d.code === 't4-total').length, 1, 'one round');
    await c.close(uri);
  });

  test('a client that resolves code actions gets fix-all without its edit in the list, and the edit, versioned, when it resolves it', async () => {
    const r = await startClient({ pull: true, resolveCodeActions: true });
    try {
      const uri = untitled('resolve.md');
      const text = twoRounds();
      await r.open(uri, text, 'markdown');
      await r.pullDiagnostics(uri);
      const listed = (await r.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ALL, context: { diagnostics: [] } })).find((a) => a.kind === 'source.fixAll.xxgknb');
      assert.ok(listed && !listed.edit && listed.data, JSON.stringify(listed));
      const resolved = await r.request<CodeAction>('codeAction/resolve', listed);
      assert.equal(resolved.title, listed.title);
      // For the version it was made of: a client whose text has moved on since refuses it (no edit lands on other lines).
      assert.deepEqual((resolved.edit!.documentChanges![0] as { textDocument: unknown }).textDocument, { uri, version: 1 });
      assert.deepEqual((await fixedByAll(r, uri, text, resolved)).filter((d) => d.code === 't4-total').map(msg), []);
      // Asked for by kind (on save, the Fix All command), it comes with its edit.
      await r.change(uri, [{ text }]);
      await r.pullDiagnostics(uri);
      const asked = await r.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ALL, context: { diagnostics: [], only: ['source.fixAll'] } });
      assert.equal(asked.length, 1);
      assert.deepEqual((await fixedByAll(r, uri, text, asked[0])).filter((d) => d.code === 't4-total').map(msg), []);
      // A resolve for a document that is not open, or of another action, gives the action back as it came.
      const stray = { title: 'x', kind: 'source.fixAll.xxgknb', data: { uri: untitled('closed.md') } };
      assert.deepEqual(await r.request('codeAction/resolve', stray), stray);
      assert.deepEqual(await r.request('codeAction/resolve', { title: 'y', kind: 'quickfix', data: 1 }), { title: 'y', kind: 'quickfix', data: 1 });
      await r.close(uri);
    } finally {
      await r.stop();
    }
  });

  test('not offered when only quick fixes are asked for', async () => {
    const uri = untitled('only.md');
    await c.open(uri, exampleReport({ cells: { '行政复议|总计': '5' } }), 'markdown');
    const list = await actions(uri, ALL, [], ['quickfix']);
    assert.ok(list.length > 0 && list.every((a) => a.kind === 'quickfix'));
    await c.close(uri);
  });
});

describe('rewrite a table as a Markdown pipe table', () => {
  async function convert(rel: string, kinds: string[]) {
    const f = corpusFile(rel);
    await c.open(f.uri, f.text);
    await c.pullDiagnostics(f.uri);
    const before1 = await c.request<ReportModel>('xxgknb/model', { uri: f.uri });
    let text = f.text;
    for (const kind of kinds) {
      const current = await c.request<ReportModel>('xxgknb/model', { uri: f.uri });
      const table = current.tables.find((tb) => tb.kind === kind)!;
      const list = await actions(f.uri, { start: table.range.start, end: table.range.start }, [], ['refactor']);
      const rewrite = list.find((a) => a.kind === 'refactor.rewrite' && a.title.includes({ T2: '表二', T3: '表三', T4: '表四' }[kind]!));
      assert.ok(rewrite, `${rel} ${kind}: ${list.map((a) => a.title).join(', ')}`);
      const [edit] = rewrite.edit!.changes![f.uri]!;
      const next = applyWorkspaceEdit(text, f.uri, rewrite.edit);
      // Nothing outside the replaced range changes.
      const lines = text.split('\n');
      const startOff = lines.slice(0, edit!.range.start.line).join('\n').length + (edit!.range.start.line ? 1 : 0) + edit!.range.start.character;
      const endOff = lines.slice(0, edit!.range.end.line).join('\n').length + (edit!.range.end.line ? 1 : 0) + edit!.range.end.character;
      assert.equal(next.slice(0, startOff), text.slice(0, startOff));
      assert.equal(next.slice(next.length - (text.length - endOff)), text.slice(endOff));
      assert.ok(edit!.newText.includes('| --- |'));
      await c.change(f.uri, [{ text: next }]);
      text = next;
      const after1 = await c.request<ReportModel>('xxgknb/model', { uri: f.uri });
      const converted = after1.tables.find((tb) => tb.kind === kind)!;
      assert.equal(converted.representation, 'pipe', `${kind} is a pipe table now`);
      const values = (t: ReportModel['tables'][number]) => t.cells.map((cell) => `${cell.rowId}|${cell.col}=${cell.kind}:${cell.value}`).sort();
      assert.deepEqual(values(converted), values(table), `${rel} ${kind}: same cells after re-parsing`);
      // The other tables are untouched.
      for (const other of before1.tables.filter((tb) => tb.kind !== kind)) assert.deepEqual(values(after1.tables.find((tb) => tb.kind === other.kind)!), values(other));
      assert.deepEqual(values(converted), values(before1.tables.find((tb) => tb.kind === kind)!));
      // The converted table offers no rewrite any more.
      const again = await actions(f.uri, { start: converted.range.start, end: converted.range.start }, [], ['refactor.rewrite']);
      assert.ok(!again.some((a) => a.title.includes({ T2: '表二', T3: '表三', T4: '表四' }[kind]!)));
    }
    // Same diagnostics as before (the rewrite changes the layout, not the numbers).
    const finalDiags = await c.pullDiagnostics(f.uri);
    await c.close(f.uri);
    return finalDiags;
  }

  test('tab-separated tables (2024 洪泽区): 表三, 表二, 表四', async () => {
    const before1 = (await (async () => { const f = corpusFile('real/2024-huaian-hongze-district-tsv.txt'); await c.open(f.uri, f.text); const d = await c.pullDiagnostics(f.uri); await c.close(f.uri); return d; })());
    const after1 = await convert('real/2024-huaian-hongze-district-tsv.txt', ['T3', 'T2', 'T4']);
    const codes = (l: Diagnostic[]) => l.map((d) => d.code).sort();
    assert.deepEqual(codes(after1), codes(before1));
  });

  test('PDF text with spaced numbers (2023 洪泽区)', async () => {
    await convert('real/2023-huaian-hongze-district-pdftext.txt', ['T4', 'T3', 'T2']);
  });

  test('a table run together in crawled text', async () => {
    await convert('real/2021-fujian-pingtan-zone-crawltext.txt', ['T3', 'T4']);
  });

  test('an HTML table inside Markdown: the whole <table> element becomes a pipe table', async () => {
    const html = [
      '<table>',
      '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>',
      '<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
      `<tr>${['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => `<td>${x}</td>`).join('')}</tr>`,
      `<tr>${[1, 0, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0].map((x) => `<td>${x}</td>`).join('')}</tr>`,
      '</table>',
    ].join('\n');
    const heading = '## 四、政府信息公开行政复议、行政诉讼情况\n';
    const text = exampleReport({ omitTables: ['T4'] }).replace(heading, `${heading}\n${html}\n`);
    const uri = untitled('embedded-html.md');
    await c.open(uri, text, 'markdown');
    const model = await c.request<ReportModel>('xxgknb/model', { uri });
    const t4 = model.tables.find((tb) => tb.kind === 'T4')!;
    assert.equal(t4.representation, 'html');
    const rewrite = (await actions(uri, { start: t4.range.start, end: t4.range.start }, [], ['refactor.rewrite']))[0];
    assert.ok(rewrite);
    const next = applyWorkspaceEdit(text, uri, rewrite.edit);
    assert.ok(!/<\/?t(able|r|d)\b/.test(next), 'no HTML left');
    assert.equal(next, exampleReport({ omitTables: ['T4'] }).replace(heading, `${heading}\n${rewrite.edit!.changes![uri]![0]!.newText.replace(/^\n+/, '')}\n`));
    await c.change(uri, [{ text: next }]);
    const after1 = await c.request<ReportModel>('xxgknb/model', { uri });
    const t4b = after1.tables.find((tb) => tb.kind === 'T4')!;
    assert.equal(t4b.representation, 'pipe');
    assert.deepEqual(t4b.cells.map((x) => x.value), t4.cells.map((x) => x.value));
    assert.deepEqual(after1.tables.map((tb) => tb.representation), ['pipe', 'pipe', 'pipe']);
    await c.close(uri);
  });

  test('in one-line crawled text, a rewrite that is offered keeps every section heading (LSP tests: the 2020 表三 rewrite lost 四)', async () => {
    const titles = (m: ReportModel) => m.sections.flatMap(function walk(sec): string[] { return [sec.title, ...sec.children.flatMap(walk)]; });
    let offered = 0;
    for (const year of [2019, 2020, 2021, 2022]) {
      const f = corpusFile(`real/${year}-fujian-pingtan-zone-crawltext.txt`);
      await c.open(f.uri, f.text);
      const model = await c.request<ReportModel>('xxgknb/model', { uri: f.uri });
      for (const table of model.tables) {
        const rewrite = (await actions(f.uri, { start: table.range.start, end: table.range.start }, [], ['refactor.rewrite']))[0];
        if (!rewrite) continue;
        offered++;
        await c.change(f.uri, [{ text: applyWorkspaceEdit(f.text, f.uri, rewrite.edit) }]);
        assert.deepEqual(titles(await c.request<ReportModel>('xxgknb/model', { uri: f.uri })), titles(model), `${year} ${table.kind}`);
        await c.change(f.uri, [{ text: f.text }]);
      }
      await c.close(f.uri);
    }
    assert.ok(offered >= 2, 'the rewrites that keep the headings are still offered');
  });

  test('not offered for a Markdown table, nor where the rewrite would change a value (ambiguous digits)', async () => {
    const md = corpusFile('real/2024-huaian-city.md');
    await c.open(md.uri, md.text, 'markdown');
    assert.deepEqual((await actions(md.uri, ALL, [], ['refactor.rewrite'])), []);
    await c.close(md.uri);
    // 2019 平潭: 表二 has cells like "8989" that cannot be split with certainty.
    const crawl = corpusFile('real/2019-fujian-pingtan-zone-crawltext.txt');
    await c.open(crawl.uri, crawl.text);
    const model = await c.request<ReportModel>('xxgknb/model', { uri: crawl.uri });
    const t2 = model.tables.find((tb) => tb.kind === 'T2')!;
    assert.ok(t2.cells.some((cell) => cell.kind === 'ambiguous'));
    const list = await actions(crawl.uri, { start: t2.range.start, end: t2.range.start }, [], ['refactor.rewrite']);
    assert.ok(!list.some((a) => a.title.includes('表二')), list.map((a) => a.title).join());
    await c.close(crawl.uri);
  });
});
