// The analysis core is pure: no editor or protocol library, and nothing from the language server or the CLI.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORE = join(ROOT, 'server/src/core');
const FORBIDDEN_DIRS = [join(ROOT, 'server/src/lsp'), join(ROOT, 'server/src/cli')];
const FORBIDDEN_PACKAGE = /^(?:vscode|vscode-languageserver[\w-]*|vscode-languageclient[\w-]*|vscode-jsonrpc)(?:\/.*)?$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(?:[cm]?[jt]s|tsx|jsx|json)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Module specifiers of every static import/export-from, side-effect import, dynamic import() and require(). */
function importSpecifiers(code: string): string[] {
  // Comments cannot import anything; drop them so that a commented-out import is not counted.
  const stripped = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
  const specs: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of stripped.matchAll(re)) specs.push(m[1]!);
  return specs;
}

describe('core purity', () => {
  const files = sourceFiles(CORE).filter((f) => !f.endsWith('.json'));

  test('the scanner sees the core and its imports', () => {
    assert.ok(files.length >= 20, `only ${files.length} files under server/src/core`);
    const all = files.flatMap((f) => importSpecifiers(readFileSync(f, 'utf8')));
    assert.ok(all.some((s) => s.startsWith('./') || s.startsWith('../')), 'relative imports found');
    assert.ok(all.includes('opencc-js/t2cn') || all.some((s) => s.startsWith('opencc-js')), 'package imports found');
  });

  test('the scanner recognises every import form (self-check)', () => {
    const code = [
      "import * as vs from 'vscode';",
      "import { createConnection } from 'vscode-languageserver/node';",
      "import type { Range } from 'vscode-languageserver-types';",
      "export { x } from \"vscode-jsonrpc\";",
      "import 'vscode-languageclient/node';",
      "const m = await import('../lsp/server');",
      "const c = require('../cli/main');",
      "// import 'vscode-commented-out';",
      "/* import 'vscode-block-comment'; */",
      "const s = 'see https://example.invalid/x'; import { a,\n  b } from './multi';",
    ].join('\n');
    assert.deepEqual(importSpecifiers(code).sort(), ['../cli/main', '../lsp/server', './multi', 'vscode', 'vscode-jsonrpc', 'vscode-languageclient/node', 'vscode-languageserver-types', 'vscode-languageserver/node'].sort());
    for (const s of ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-textdocument', 'vscode-languageclient/node', 'vscode-jsonrpc']) assert.match(s, FORBIDDEN_PACKAGE);
    for (const s of ['vscode-uri', 'opencc-js/t2cn', 'htmlparser2', 'entities', './vscode']) assert.doesNotMatch(s, FORBIDDEN_PACKAGE);
  });

  test('no file under server/src/core imports vscode, vscode-languageserver*, vscode-languageclient* or vscode-jsonrpc', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const s of importSpecifiers(readFileSync(f, 'utf8'))) if (FORBIDDEN_PACKAGE.test(s)) bad.push(`${relative(ROOT, f)} → ${s}`);
    }
    assert.deepEqual(bad, []);
  });

  test('no file under server/src/core imports from server/src/lsp or server/src/cli', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const s of importSpecifiers(readFileSync(f, 'utf8'))) {
        if (!s.startsWith('.') && !s.startsWith('/')) {
          if (/(^|\/)server\/src\/(lsp|cli)(\/|$)/.test(s)) bad.push(`${relative(ROOT, f)} → ${s}`);
          continue;
        }
        const target = resolve(dirname(f), s);
        if (FORBIDDEN_DIRS.some((d) => target === d || target.startsWith(d + sep))) bad.push(`${relative(ROOT, f)} → ${s}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
