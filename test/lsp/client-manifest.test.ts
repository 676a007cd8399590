/**
 * The client's side of the manifest and its translations: the settings the server reads are all contributed,
 * every %placeholder% has an English (package.nls.json) and a Chinese (package.nls.zh-cn.json) text, every
 * vscode.l10n.t() string of the client has a Chinese translation, and the built client bundle carries the
 * commands package.json declares.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, ROOT } from './harness';

const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  activationEvents: string[];
  contributes: {
    configuration: { properties: Record<string, { default: unknown; scope?: string }> };
    configurationDefaults: Record<string, Record<string, unknown>>;
    commands: { command: string; title: string }[];
    snippets?: unknown[];
  };
};

test('settings: every setting the server reads, per resource, with the documented defaults', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), ['xxgknb.deadlines', 'xxgknb.detectContent', 'xxgknb.enable', 'xxgknb.era', 'xxgknb.inlayHints', 'xxgknb.organType', 'xxgknb.rules', 'xxgknb.trace.server'].sort());
  assert.equal(props['xxgknb.enable']!.default, true);
  assert.equal(props['xxgknb.detectContent']!.default, true);
  assert.equal(props['xxgknb.era']!.default, 'auto');
  assert.equal(props['xxgknb.organType']!.default, 'auto');
  assert.equal(props['xxgknb.inlayHints']!.default, true);
  assert.deepEqual(props['xxgknb.deadlines']!.default, {});
  for (const [k, v] of Object.entries(props)) assert.equal(v.scope, k === 'xxgknb.trace.server' ? 'window' : 'resource', k);
  assert.deepEqual(pkg.contributes.configurationDefaults['[xxgknb]'], { 'editor.unicodeHighlight.ambiguousCharacters': false });
  assert.deepEqual(pkg.activationEvents, ['onLanguage:xxgknb', 'onLanguage:markdown', 'onLanguage:plaintext']);
  // The snippet files are contributed for xxgknb and Markdown (issue 5); the client then tells the server not to
  // offer the same snippets as completions (initializationOptions.snippets = false), so they never show twice.
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'xxgknb', path: './snippets/xxgknb.code-snippets' }, { language: 'markdown', path: './snippets/xxgknb.code-snippets' }]);
  assert.match(fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8'), /snippets: false/);
});

test('every %placeholder% has an English and a Chinese text', () => {
  const keys = [...read('package.json').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!);
  const en = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const zh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
  assert.deepEqual(keys.filter((k) => !en[k]), []);
  assert.deepEqual(keys.filter((k) => !zh[k]), []);
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const k of keys.filter((x) => x.startsWith('command.') || x.startsWith('config.'))) {
    assert.match(zh[k]!, /[\u4e00-\u9fff]/, `${k} is not translated`);
  }
});

test('every client string has a zh-cn translation with the same placeholders', () => {
  const src = read('client/src/extension.ts');
  const strings = [...src.matchAll(/l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!);
  assert.ok(strings.length >= 10);
  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
  for (const s of strings) {
    assert.ok(bundle[s], `missing zh-cn translation: ${s}`);
    const holes = (x: string) => [...x.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    assert.deepEqual(holes(bundle[s]!), holes(s), s);
  }
  assert.deepEqual(Object.keys(bundle).filter((k) => !strings.includes(k)), [], 'unused translations');
});

test('the built client registers every contributed command and starts the server over IPC', () => {
  ensureBuilt();
  const client = read('dist/client.js');
  for (const c of pkg.contributes.commands) assert.ok(client.includes(`"${c.command}"`), c.command);
  assert.ok(client.includes('xxgknb/status') && client.includes('xxgknb/checkDocuments') && client.includes('xxgknb/model'));
  assert.ok(client.includes('workbench.actions.view.problems'));
});
