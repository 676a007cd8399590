/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h } = require('./harness');

const HONGZE = '2023-huaian-hongze-district-pdftext.xxgknb.txt';
const codes = (ds) => ds.map((d) => h.codeOf(d)).sort();

/** Sets a setting, runs fn, and always restores the setting (and waits for the restored state). */
async function withSetting(section, value, target, fn, restored) {
  const config = () => vscode.workspace.getConfiguration('xxgknb');
  const before = config().inspect(section);
  await config().update(section, value, target);
  try {
    await fn();
  } finally {
    await config().update(section, undefined, target);
    const after = config().inspect(section);
    assert.deepEqual(target === vscode.ConfigurationTarget.Global ? after.globalValue : after.workspaceValue, undefined, `${section} restored`);
    assert.deepEqual(after.defaultValue, before.defaultValue);
  }
  await restored();
}

test('xxgknb.rules (workspace): a rule off removes its diagnostics, a severity changes them; restored afterwards', async () => {
  const { uri } = await h.open(HONGZE);
  const original = await h.waitForDiagnostics(uri, (ds) => ds.filter((d) => h.codeOf(d) === 't4-total').length === 2);
  const others = codes(original.filter((d) => h.codeOf(d) !== 't4-total'));
  await withSetting('rules', { 't4-total': 'off' }, vscode.ConfigurationTarget.Workspace, async () => {
    const ds = await h.waitForDiagnostics(uri, (ds) => !ds.some((d) => h.codeOf(d) === 't4-total'), { what: 't4-total to go when the rule is off' });
    assert.deepEqual(codes(ds), others, 'only t4-total went away');
    await h.waitForStatus((s) => s.uri === uri.toString() && s.text.includes('✓'), 'no error left with t4-total off');
    await vscode.workspace.getConfiguration('xxgknb').update('rules', { 't4-total': 'warning' }, vscode.ConfigurationTarget.Workspace);
    const warned = await h.waitForDiagnostics(uri, (ds) => ds.filter((d) => h.codeOf(d) === 't4-total').length === 2, { what: 't4-total back as warnings' });
    assert.ok(warned.filter((d) => h.codeOf(d) === 't4-total').every((d) => d.severity === vscode.DiagnosticSeverity.Warning), 't4-total as warnings');
  }, async () => {
    const ds = await h.waitForDiagnostics(uri, (ds) => ds.filter((d) => h.codeOf(d) === 't4-total' && d.severity === vscode.DiagnosticSeverity.Error).length === 2, { what: 't4-total errors back after restoring' });
    assert.deepEqual(codes(ds), codes(original));
    await h.waitForStatus((s) => s.uri === uri.toString() && s.text.includes('✗2'), 'two errors again');
  });
});

test('xxgknb.era (user): 2019 instead of auto changes the checks and the status bar; restored afterwards', async () => {
  const { uri } = await h.open('example-clean.xxgknb.md');
  assert.deepEqual(await h.settledDiagnostics(uri), []);
  await h.waitForStatus((s) => s.uri === uri.toString() && s.text.includes('2021') && s.text.includes('✓'), '2021, no error');
  await withSetting('era', '2019', vscode.ConfigurationTarget.Global, async () => {
    // Read as a 2019-format report, the 2021 tables are of the other era.
    const ds = await h.waitForDiagnostics(uri, (ds) => ds.length > 0, { what: 'diagnostics with era 2019' });
    assert.ok(ds.some((d) => h.codeOf(d) === 'table-other-era'), `table-other-era expected:${h.describeDiagnostics(ds)}`);
    await h.waitForStatus((s) => s.uri === uri.toString() && s.text.includes('2019'), 'era 2019');
  }, async () => {
    await h.waitForDiagnostics(uri, (ds) => ds.length === 0, { what: 'no diagnostic once era is auto again' });
    await h.waitForStatus((s) => s.uri === uri.toString() && s.text.includes('2021') && s.text.includes('✓'), '2021 again');
  });
});

test('.xxgknb.json is validated while it is edited (jsonValidation with our schema): unknown rule and bad era marked', async () => {
  // In a folder of its own: a project file applies to the reports below it, and no report is there.
  const uri = h.workspaceUri('schema-check/.xxgknb.json');
  const text = '{\n  "era": "2020",\n  "rules": {\n    "no-such-rule": "off",\n    "cell-note": "info"\n  }\n}\n';
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'json');
    const lines = (ds) => ds.map((d) => d.range.start.line).sort((a, b) => a - b);
    const ds = await h.waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri);
      return lines(found).includes(1) && lines(found).includes(3) ? found : undefined;
    }, { timeout: 30000, what: 'JSON schema diagnostics on "era" (line 2) and "no-such-rule" (line 4)', events: [vscode.languages.onDidChangeDiagnostics], describe: () => h.describeDiagnostics(vscode.languages.getDiagnostics(uri)) });
    assert.ok(!lines(ds).includes(4), `the valid rule "cell-note" is not marked:${h.describeDiagnostics(ds)}`);
  } finally {
    await h.closeAllEditors();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
  }
});
