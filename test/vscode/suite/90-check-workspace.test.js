/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h } = require('./harness');
const { ERRORS, REPORTS, UNOPENED } = require('./expectations');

const pairs = (ds) => ds.map((d) => `${h.codeOf(d)}@${d.range.start.line}`).sort();
const expected = (name) => REPORTS[name].diagnostics.map(([c, l]) => `${c}@${l}`).sort();

test('xxgknb.checkWorkspace reports on every file: summary with counts, diagnostics for unopened and closed reports', async () => {
  const [name] = UNOPENED;
  const unopened = h.workspaceUri(name);
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), `${name} must not have been opened by a test`);
  assert.deepEqual(h.ours(unopened), []);
  // A report whose editor was closed: its pulled diagnostics go with the tab, the document may stay open.
  const closedName = 'seed-004_739f523f9711be90.xxgknb.txt';
  const { uri: closed } = await h.open(closedName);
  await h.waitForDiagnostics(closed, (ds) => JSON.stringify(pairs(ds)) === JSON.stringify(expected(closedName)));
  const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === closed.toString());
  await vscode.window.tabGroups.close(tab);
  await h.waitForDiagnostics(closed, (ds) => ds.length === 0, { what: `the diagnostics of ${closedName} to go with its tab` });
  console.log(`    ${closedName} still open in the extension host after its tab closed: ${vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString())}`);

  const files = await vscode.workspace.findFiles('**/*.{md,txt}', '**/node_modules/**');
  const reports = files.filter((u) => /\.xxgknb\.(md|txt)$/.test(u.path)).length;
  const errors = Object.values(ERRORS).reduce((a, b) => a + b, 0);

  // The command resolves only when its summary notification is answered ("Show Problems" or closed).
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand('xxgknb.checkWorkspace')).finally(() => (settled = true));
  const ds = await h.waitForDiagnostics(unopened, (ds) => ds.some((d) => h.codeOf(d) === 't4-total'), { timeout: 30000, what: `diagnostics of the unopened ${name}` });
  assert.deepEqual(pairs(ds), ['t4-total@76']);
  assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Error);
  await h.waitForDiagnostics(closed, (ds) => JSON.stringify(pairs(ds)) === JSON.stringify(expected(closedName)), { what: `the diagnostics of the closed ${closedName}` });

  const reply = await h.ui({
    name: 'check-workspace',
    waitFor: { selector: '.notification-toast', hasText: 'annual reports' },
    // The progress notification ("Checking the reports in the workspace") has closed.
    waitForHidden: [{ selector: '.notification-toast', hasText: 'Checking the reports' }],
    screenshot: 'check-workspace.png',
    read: { toast: { selector: '.notification-toast', hasText: 'annual reports' } },
    click: { selector: '.notification-toast .monaco-button', hasText: 'Show Problems' },
    afterClick: { selector: '.markers-panel', state: 'visible' },
  });
  if (reply) {
    const m = /Checked (\d+) files: (\d+) annual reports, (\d+) errors, (\d+) warnings\./.exec(reply.texts.toast);
    assert.ok(m, `summary: ${reply.texts.toast}`);
    assert.equal(Number(m[1]), files.length, 'files checked');
    assert.equal(Number(m[2]), reports, 'annual reports');
    assert.equal(Number(m[3]), errors, 'errors (the files as saved on disk)');
    assert.ok(Number(m[4]) > 0, 'warnings');
    await h.withTimeout(run, 10000, 'xxgknb.checkWorkspace to finish after "Show Problems"');
    assert.ok(settled);
    assert.ok(reply.afterClick, '"Show Problems" opened the Problems panel');
  } else {
    console.log('    (no UI runner: the summary notification is left open)');
  }

  // Shown again, the closed report has the server's diagnostics instead — once (99-monitor: never twice).
  await h.open(closedName);
  await h.waitForDiagnostics(closed, (ds) => JSON.stringify(pairs(ds)) === JSON.stringify(expected(closedName)), { what: `${closedName} reopened` });
});
