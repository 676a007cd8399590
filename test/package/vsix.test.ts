// The packaged extension (.vsix) contains exactly the run-time files, and everything package.json points at.
// Builds it with the same code as `npm run package`, or reuses a vsix newer than every input
// ($XXGKNB_VSIX names one built earlier in the same run).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';

interface VsixLib {
  ensureVsix(opts?: { force?: boolean }): string;
  vsixEntries(file: string): string[];
}
interface ZipLib {
  listZipEntries(buf: Buffer): { name: string }[];
  readZipEntry(buf: Buffer, e: { name: string }): Buffer;
}

const MAX_BYTES = 2 * 1024 * 1024;

/** Exact files (vsce renames README/CHANGELOG/LICENSE to these). */
const REQUIRED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/language-configuration.json',
  'extension/images/icon.png',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/schemas/xxgknb.schema.json',
];
/** Folders / name patterns that may hold any number of files. */
const ALLOWED_PATTERNS = [/^extension\/syntaxes\/.+/, /^extension\/snippets\/.+/, /^extension\/l10n\/.+/, /^extension\/package\.nls(\.[\w-]+)?\.json$/];

let cached: { file: string; entries: string[] } | undefined;
async function vsix(): Promise<{ file: string; entries: string[] }> {
  if (!cached) {
    const lib = (await import(new URL('../../scripts/lib/vsix.mjs', import.meta.url).href)) as VsixLib;
    const file = lib.ensureVsix();
    cached = { file, entries: lib.vsixEntries(file).filter((e) => !e.endsWith('/')) };
  }
  return cached;
}

test('vsix contains exactly the allowed files', { timeout: 180_000 }, async () => {
  const { entries } = await vsix();
  const unexpected = entries.filter((e) => !REQUIRED.includes(e) && !ALLOWED_PATTERNS.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], `files that must not be packaged:\n  ${unexpected.join('\n  ')}`);
  const missing = REQUIRED.filter((e) => !entries.includes(e));
  assert.deepEqual(missing, [], `files missing from the vsix:\n  ${missing.join('\n  ')}`);
});

test('vsix has no sources, source maps or node_modules', async () => {
  const { entries } = await vsix();
  const bad = entries.filter((e) => /\.(ts|mts|cts|map)$/.test(e) || /(^|\/)node_modules\//.test(e) || /(^|\/)\.[^/]+$/.test(e));
  assert.deepEqual(bad, []);
});

test('vsix is smaller than 2 MB', async () => {
  const { file } = await vsix();
  const size = statSync(file).size;
  console.log(`${file}: ${(size / 1024).toFixed(1)} KiB`);
  assert.ok(size < MAX_BYTES, `vsix is ${size} bytes, limit ${MAX_BYTES}`);
});

test('every file package.json points at is packaged', async () => {
  const { file, entries } = await vsix();
  const zip = (await import(new URL('../../scripts/lib/zip.mjs', import.meta.url).href)) as ZipLib;
  const buf = readFileSync(file);
  const pkgEntry = zip.listZipEntries(buf).find((e) => e.name === 'extension/package.json');
  assert.ok(pkgEntry, 'extension/package.json missing');
  const pkg = JSON.parse(zip.readZipEntry(buf, pkgEntry).toString('utf8'));
  const norm = (p: string) => `extension/${p.replace(/^\.\//, '')}`;
  const referenced: string[] = [norm(pkg.main), norm(pkg.icon)];
  const c = pkg.contributes ?? {};
  for (const l of c.languages ?? []) if (l.configuration) referenced.push(norm(l.configuration));
  for (const g of c.grammars ?? []) referenced.push(norm(g.path));
  for (const s of c.snippets ?? []) referenced.push(norm(s.path));
  const missing = [...new Set(referenced)].filter((p) => !entries.includes(p));
  assert.deepEqual(missing, [], `package.json refers to files that are not in the vsix:\n  ${missing.join('\n  ')}`);
  // %key% placeholders must all be defined in the packaged package.nls.json.
  const nlsEntry = zip.listZipEntries(buf).find((e) => e.name === 'extension/package.nls.json');
  assert.ok(nlsEntry, 'extension/package.nls.json missing');
  const nls = JSON.parse(zip.readZipEntry(buf, nlsEntry).toString('utf8'));
  const keys = [...JSON.stringify(pkg).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1] as string);
  const undefinedKeys = keys.filter((k) => !(k in nls));
  assert.deepEqual(undefinedKeys, [], `package.json uses %key% placeholders missing from package.nls.json`);
});
