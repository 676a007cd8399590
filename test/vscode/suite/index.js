/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
// Entry of the VS Code integration suite (extensionTestsPath). Loaded by the extension host, which calls run();
// a rejected promise makes the workbench exit with code 1. Loads every *.test.js in this folder in name order.
'use strict';
const fs = require('fs');
const path = require('path');
const { _internal, withTimeout } = (() => {
  const harness = require('./harness');
  return { _internal: harness._internal, withTimeout: harness.h.withTimeout };
})();

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

async function run() {
  const started = Date.now();
  const grep = process.env.XXGKNB_TEST_GREP ? new RegExp(process.env.XXGKNB_TEST_GREP) : undefined;
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) {
    _internal.setFile(f);
    require(path.join(__dirname, f));
  }
  const tests = _internal.tests.filter((t) => !grep || grep.test(`${t.file} ${t.name}`));
  console.log(`xxgknb VS Code suite: ${tests.length} tests in ${files.length} files`);
  let passed = 0;
  const failures = [];
  for (const t of tests) {
    const t0 = Date.now();
    _internal.setTest(`${t.file} › ${t.name}`);
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeout, `test "${t.name}"`);
      passed++;
      console.log(`  ✓ ${t.file} › ${t.name} (${fmt(Date.now() - t0)})`);
    } catch (err) {
      failures.push(t);
      console.log(`  ✗ ${t.file} › ${t.name} (${fmt(Date.now() - t0)})`);
      console.log(`    ${String((err && err.stack) || err).split('\n').join('\n    ')}`);
    }
  }
  console.log(`${passed} passed, ${failures.length} failed (${fmt(Date.now() - started)})`);
  if (failures.length > 0) throw new Error(`${failures.length} test(s) failed: ${failures.map((t) => t.name).join('; ')}`);
}

module.exports = { run };
