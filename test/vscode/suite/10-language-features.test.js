/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h } = require('./harness');

async function openReport() {
  const [report] = await h.findFiles('**/*.xxgknb.txt');
  const opened = await h.open(report);
  await h.waitForActivation();
  return opened;
}

test('document symbols can be requested', async () => {
  const { uri } = await openReport();
  const symbols = await assert.resolves(
    () => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri),
    'vscode.executeDocumentSymbolProvider threw',
  );
  console.log(`    document symbols: ${Array.isArray(symbols) ? symbols.length : String(symbols)}`);
});

test('diagnostics arrive (informational until the server publishes them)', async () => {
  const { uri } = await openReport();
  try {
    const diags = await h.waitForDiagnostics(uri, { timeout: 3000 });
    console.log(`    diagnostics: ${diags.length} (first: ${diags[0].message})`);
  } catch (err) {
    console.log(`    no diagnostics yet: ${err.message}`);
  }
});
