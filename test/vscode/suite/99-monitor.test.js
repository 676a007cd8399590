/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
// Runs last: what the diagnostics monitor of the harness saw during the whole run.
'use strict';
const vscode = require('vscode');
const { test, assert, h } = require('./harness');

test('the monitor notices a duplicated diagnostic (self-check)', async () => {
  const { uri } = await h.openUntitled('plaintext', 'monitor self-check');
  const collection = vscode.languages.createDiagnosticCollection('xxgknb-selftest');
  const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 7), 'the same twice', vscode.DiagnosticSeverity.Information);
  d.source = 'selftest';
  const before = h.monitor.duplicates.length;
  try {
    collection.set(uri, [d, d]);
    await h.waitFor(() => h.monitor.duplicates.length > before, { what: 'the monitor to record the duplicate', events: [vscode.languages.onDidChangeDiagnostics] });
    assert.ok(h.monitor.duplicates.slice(before).every((x) => x.uri === uri.toString()));
  } finally {
    h.monitor.duplicates.splice(before);
    collection.dispose();
  }
});

test('no diagnostic appeared twice in a document, in any test', () => {
  const m = h.monitor;
  // (With XXGKNB_TEST_GREP only some tests ran: the monitor saw less.)
  if (!process.env.XXGKNB_TEST_GREP) assert.ok(m.documentsWithOurs.size >= 10, `the monitor saw our diagnostics on only ${m.documentsWithOurs.size} documents`);
  const lines = m.duplicates.slice(0, 20).map((d) => `\n  ${d.uri} (${d.test}): ${d.diagnostic}`);
  assert.equal(m.duplicates.length, 0, `duplicated diagnostics:${lines.join('')}`);
  console.log(`    ${m.diagnosticsSeen} diagnostics of ours checked in ${[...m.events.values()].reduce((a, b) => a + b, 0)} changes on ${m.events.size} documents`);
});

test('documents that are not reports never got a diagnostic of ours', () => {
  if (!process.env.XXGKNB_TEST_GREP) assert.ok(h.monitor.forbidden.size >= 1, 'notes.md was registered');
  const lines = h.monitor.strays.map((s) => `\n  ${s.uri} (${s.test}): ${s.diagnostics.join('; ')}`);
  assert.equal(h.monitor.strays.length, 0, `diagnostics on non-reports:${lines.join('')}`);
});
