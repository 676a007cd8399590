/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h, SOURCE } = require('./harness');
const { REPORTS, ERRORS, UNOPENED } = require('./expectations');

const key = ([code, line]) => `${code}@${line}`;
const sortKeys = (pairs) => pairs.map(key).sort();

/** Multiset difference for a readable failure message. */
function diff(expected, actual) {
  const rest = [...actual];
  const missing = [];
  for (const e of expected) {
    const i = rest.indexOf(e);
    if (i >= 0) rest.splice(i, 1);
    else missing.push(e);
  }
  return `missing: ${missing.join(', ') || '—'}; unexpected: ${rest.join(', ') || '—'}`;
}

function actualPairs(diags) {
  return diags.map((d) => [h.codeOf(d), d.range.start.line]);
}

async function expectReport(name) {
  const exp = REPORTS[name];
  const { uri } = await h.open(name);
  const want = sortKeys(exp.diagnostics);
  const matches = (ds) => JSON.stringify(sortKeys(actualPairs(ds))) === JSON.stringify(want);
  let diags;
  if (want.length === 0) {
    diags = await h.settledDiagnostics(uri);
  } else {
    diags = await h.waitForDiagnostics(uri, matches, { timeout: 15000, what: `the expected diagnostics of ${name}: ${want.join(', ')}` }).catch((err) => {
      throw new Error(`${name}: ${diff(want, sortKeys(actualPairs(h.ours(uri))))}\n${err.message}`);
    });
  }
  assert.ok(matches(diags), `${name}: ${diff(want, sortKeys(actualPairs(diags)))}${h.describeDiagnostics(diags)}`);
  for (const d of diags) {
    assert.equal(d.source, SOURCE);
    assert.ok(d.message.length > 0, `${name}: empty message for ${h.codeOf(d)}`);
  }
  const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  assert.equal(errors, ERRORS[name], `${name}: errors`);
  // The status bar item follows the active report: its era and error count.
  const status = await h.waitForStatus((s) => s.visible && s.uri === uri.toString() && s.text.includes(exp.era) && (errors ? s.text.includes(`✗${errors}`) : s.text.includes('✓')), `${name} (${exp.era}, ${errors} errors)`);
  assert.match(status.tooltip, new RegExp(`${errors}\\b`));
  return { uri, diags };
}

const names = Object.keys(REPORTS).sort();

test('the workspace holds every expected report and notes.md', async () => {
  const files = (await h.findFiles('**/*.{md,txt}')).map((u) => vscode.workspace.asRelativePath(u));
  for (const n of [...names, ...UNOPENED, 'notes.md']) assert.ok(files.includes(n), `${n} is not in the workspace (has: ${files.join(', ')})`);
  // Every report file of the workspace has an expectation (a new corpus file needs one).
  for (const f of files.filter((f) => /\.xxgknb\.(md|txt)$/.test(f))) assert.ok(f in ERRORS, `no expectation for ${f}`);
});

for (const name of names) {
  test(`diagnostics of ${name}: ${REPORTS[name].diagnostics.length ? sortKeys(REPORTS[name].diagnostics).join(', ') : 'none'}`, async () => {
    const { diags, uri } = await expectReport(name);
    if (name === '2023-huaian-hongze-district-pdftext.xxgknb.txt') {
      // Both t4-total errors sit on the 0 of a 总计 column: 行政复议 (10 + 1) and 复议后起诉 (5).
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const t4 = diags.filter((d) => h.codeOf(d) === 't4-total');
      assert.deepEqual(t4.map((d) => doc.getText(d.range)), ['0', '0']);
      assert.match(t4[0].message, /行政复议/);
      assert.match(t4[0].message, /\b11\b/);
      assert.match(t4[1].message, /复议后起诉/);
      assert.match(t4[1].message, /\b5\b/);
      assert.ok(t4.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    }
    if (name === 'example-broken.xxgknb.md') {
      const [d] = diags;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /行政复议 × 总计/);
      // The documentation link of the rule.
      assert.ok(typeof d.code === 'object' && /t4-total\.md$/.test(String(d.code.target)), `code has no documentation link: ${JSON.stringify(d.code)}`);
      assert.ok(d.relatedInformation && d.relatedInformation.length >= 4, 'the other cells of the relation are related information');
    }
  });
}

test('an untitled Markdown document with a pasted report is recognised', async () => {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(h.workspaceUri('example-broken.xxgknb.md')));
  const { uri, doc } = await h.openUntitled('markdown', text);
  assert.equal(uri.scheme, 'untitled');
  assert.equal(doc.languageId, 'markdown');
  const diags = await h.waitForDiagnostics(uri, (ds) => ds.length > 0);
  assert.deepEqual(sortKeys(actualPairs(diags)), ['t4-total@76']);
  await h.waitForStatus((s) => s.visible && s.uri === uri.toString() && s.text.includes('2021') && s.text.includes('✗1'), 'untitled report');
});

test('an untitled plain-text document with pasted PDF text is recognised', async () => {
  const name = '2023-huaian-hongze-district-pdftext.xxgknb.txt';
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(h.workspaceUri(name)));
  const { uri, doc } = await h.openUntitled('plaintext', text);
  assert.equal(doc.languageId, 'plaintext');
  const want = sortKeys(REPORTS[name].diagnostics);
  const diags = await h.waitForDiagnostics(uri, (ds) => JSON.stringify(sortKeys(actualPairs(ds))) === JSON.stringify(want), {
    what: `the diagnostics of ${name}, pasted: ${want.join(', ')}`,
  });
  assert.equal(diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 2);
});

test('notes.md (ordinary Markdown) gets nothing from us: no diagnostics, symbols, hover, status', async () => {
  // A report first, so that the status bar item is showing when notes.md becomes active.
  await h.open('example-clean.xxgknb.md');
  await h.waitForStatus((s) => s.visible, 'visible for a report');
  const uri = h.workspaceUri('notes.md');
  h.monitor.forbidden.add(uri.toString()); // and for the rest of the run (99-monitor.test.js)
  const { doc } = await h.open(uri);
  assert.equal(doc.languageId, 'markdown');
  await h.waitForStatus((s) => !s.visible && s.uri === uri.toString(), 'hidden for notes.md');
  // Requests go through the server's analysis of the document, so after them it has been analysed.
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
  const flat = h.flattenSymbols(symbols);
  // Only VS Code's own Markdown outline (its one heading), nothing of ours (ours would name sections, items, tables).
  assert.ok(flat.every((s) => s.name.includes('周例会记录')), `symbols not from the Markdown extension: ${flat.map((s) => s.name).join(', ')}`);
  for (const line of [0, 2, 5]) {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, 3));
    assert.equal(h.hoverText(hovers), '', `hover on notes.md line ${line}`);
  }
  const completions = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(6, 0));
  const fromServer = completions.items.filter((c) => /^[一二三四五六七]、/.test(typeof c.label === 'string' ? c.label : c.label.label));
  assert.deepEqual(fromServer.map((c) => c.label), [], 'heading completions of ours in notes.md');
  const codeActions = await h.codeActions(uri, new vscode.Range(0, 0, 6, 0));
  assert.deepEqual((codeActions ?? []).filter((a) => /xxgknb|总计|表/.test(a.title)).map((a) => a.title), []);
  assert.deepEqual(h.ours(uri), []);
  assert.equal(h.api().status().visible, false);
});
