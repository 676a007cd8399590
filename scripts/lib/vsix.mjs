// Building, finding and reading the extension package (.vsix).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, fmtMs, log, run } from './proc.mjs';
import { listZipEntries } from './zip.mjs';

const pkg = () => JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** xxgknb-<version>.vsix at the repository root. */
export function vsixPath() {
  const { name, version } = pkg();
  return path.join(ROOT, `${name}-${version}.vsix`);
}

/** What goes into the vsix, or into dist/ that goes into it. A vsix newer than all of these is fresh. */
const INPUTS = [
  'package.json',
  'package-lock.json',
  'language-configuration.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'images',
  'syntaxes',
  'snippets',
  'l10n',
  'client/src',
  'server/src',
  'scripts/build.mjs',
  'scripts/lib/bundle-options.mjs',
  'scripts/package.mjs',
  'tsconfig.json',
];

function newestMtime(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function newestInputMtime() {
  let max = 0;
  for (const rel of INPUTS) max = Math.max(max, newestMtime(path.join(ROOT, rel)));
  for (const f of readdirSync(ROOT)) if (/^package\.nls.*\.json$/.test(f)) max = Math.max(max, newestMtime(path.join(ROOT, f)));
  return max;
}

/** True when the vsix exists and is newer than every input. */
export function isVsixFresh(file = vsixPath()) {
  return existsSync(file) && statSync(file).mtimeMs > newestInputMtime();
}

/** Production build + `vsce package --no-dependencies`. Returns the vsix path. */
export function packageVsix() {
  const started = Date.now();
  const out = vsixPath();
  run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--production'], { label: 'package' });
  // vsce's JS entry, run by this Node (no npx, no network).
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { label: 'package' });
  log('package', `${path.relative(ROOT, out)}: ${(statSync(out).size / 1024).toFixed(1)} KiB, ${fmtMs(Date.now() - started)} in all`);
  return out;
}

/**
 * A vsix for tests: $XXGKNB_VSIX if set, else the root vsix when fresh, else a new package.
 * @param {{force?: boolean}} [opts]
 */
export function ensureVsix(opts = {}) {
  if (process.env.XXGKNB_VSIX) {
    const p = path.resolve(process.env.XXGKNB_VSIX);
    if (!existsSync(p)) throw new Error(`XXGKNB_VSIX=${p} does not exist`);
    log('package', `using ${p} (XXGKNB_VSIX)`);
    return p;
  }
  if (!opts.force && isVsixFresh()) {
    log('package', `reusing fresh ${path.relative(ROOT, vsixPath())}`);
    return vsixPath();
  }
  return packageVsix();
}

/** Entry names of a vsix. */
export function vsixEntries(file) {
  return listZipEntries(readFileSync(file)).map((e) => e.name);
}
