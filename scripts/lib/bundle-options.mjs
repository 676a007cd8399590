// The esbuild options of the shipped bundles: used by scripts/build.mjs, and by the benchmark, which measures the
// core bundled as users run it (under tsx it runs as transpiled modules: every function wrapped to keep its name,
// every import read through a getter, ≈ 20 % slower than the bundle).

export const SHIM = 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;';

/** @returns {import('esbuild').BuildOptions} */
export function bundleOptions(production) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: production ? false : 'linked',
    minify: production,
    legalComments: 'none',
    // Some dependencies are ES modules that read import.meta.url; in a CommonJS bundle it comes from __filename.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: SHIM },
    logLevel: 'info',
  };
}
