/**
 * `npm run bench`: speed and memory, side by side in one run, written with the machine and date to
 * docs/performance.md. Benchmarks are not tests: nothing here asserts a time.
 *
 *   analysis    parse + every check, per corpus file and on synthetic 100 KB / 1 MB / 10 MB documents built from
 *               the corpus, against markdown-it's parse, markdownlint's lint and a bare line split of the same text
 *   edit        re-analysis after a one-character edit (1 MB synthetic, 1 MB single report, 50 KB): from scratch and
 *               incrementally from the previous version
 *   lsp         stdio round trips (didChange → diagnostics, documentSymbol, hover) on 50 KB and 1 MB; server RSS with 100 reports
 *   cli         reports per second on the corpus repeated to 1,000 files, one and two worker threads
 *   bundles     sizes of dist/*.js and the .vsix
 *   activation  the extension's activation in VS Code (code-server in headless Chromium) and a report's first diagnostics
 *
 * `--quick`: fewer and shorter runs. `--only=lsp,edit`: those parts only, printed and not written (the file holds all
 * parts of one run), e.g. to compare two builds. `--no-write`: printed only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import type * as Core from '../server/src/core/index';
import { lspBench, PLAIN_NAME } from './lsp';

const ROOT = path.resolve(__dirname, '..');

/**
 * The core as users run it: bundled and minified as the shipped server and CLI are (scripts/lib/bundle-options.mjs).
 * Imported through tsx it would run as transpiled modules, every function wrapped to keep its name and every import
 * read through a getter: ≈ 20 % slower than the bundle (the figures before 2026-11-25 measured that).
 */
function shippedCore(): typeof Core {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgknb-bench-'));
  const outfile = path.join(dir, 'core.cjs');
  execFileSync(process.execPath, ['--input-type=module', '-e', `
    import * as esbuild from 'esbuild';
    import { bundleOptions } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts/lib/bundle-options.mjs')).href)};
    await esbuild.build({ ...bundleOptions(true), logLevel: 'error', entryPoints: [${JSON.stringify(path.join(ROOT, 'server/src/core/index.ts'))}], outfile: ${JSON.stringify(outfile)} });
  `], { cwd: ROOT, stdio: 'inherit' });
  const core = createRequire(__filename)(outfile) as typeof Core;
  rmSync(dir, { recursive: true, force: true });
  return core;
}
// (Built when a part that runs the core in this process first asks: --only=lsp,cli needs none.)
let core: typeof Core | undefined;
const analyze: typeof Core.analyze = (...a) => (core ??= shippedCore()).analyze(...a);
const exampleReport: typeof Core.exampleReport = (...a) => (core ??= shippedCore()).exampleReport(...a);
const formatOfPath: typeof Core.formatOfPath = (...a) => (core ??= shippedCore()).formatOfPath(...a);
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const quick = process.argv.includes('--quick');
const PARTS = ['analysis', 'edit', 'lsp', 'cli', 'bundles', 'activation'] as const;
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
for (const p of only ?? []) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: no part "${p}" (parts: ${PARTS.join(', ')})`);
/** Whether this run measures `part`. */
const measures = (part: (typeof PARTS)[number]) => !only || only.has(part);

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; }

/** Median wall time of fn in ms, after a warm-up, over at least `minRuns` runs or `minMs` of running. */
export function time(fn: () => unknown, minRuns = 5, minMs = quick ? 100 : 400): number {
  fn();
  const xs: number[] = [];
  const start = performance.now();
  while (xs.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
    if (xs.length > 2000) break;
  }
  return median(xs);
}

const corpusFiles = [...readdirSync(path.join(CORPUS, 'seeds')).map((f) => `seeds/${f}`), ...readdirSync(path.join(CORPUS, 'real')).filter((f) => f !== 'MANIFEST.tsv').map((f) => `real/${f}`)];
const formatOf = (f: string) => formatOfPath(f) ?? 'text';

/** One report (the example report) whose overview runs on with real prose from the corpus to about `bytes`. */
function longReport(bytes: number): string {
  const prose = readFileSync(path.join(CORPUS, 'real/2023-huaian-hongze-district-pdftext.txt'), 'utf8').split('\n').slice(10, 37).join('\n') + '\n';
  const base = exampleReport();
  const body = prose.repeat(Math.max(1, Math.floor((bytes - Buffer.byteLength(base)) / Buffer.byteLength(prose))));
  return base.replace('## 二、', `${body}\n## 二、`);
}

/**
 * A synthetic document of about `bytes` UTF-8 bytes: whole corpus reports (text and Markdown) one after another;
 * `plain`: the plain-text reports only (a .txt file: its format is told from its content at every version).
 */
function synthetic(bytes: number, plain = false): string {
  const parts = corpusFiles.filter((f) => !f.endsWith('.html') && (!plain || f.endsWith('.txt'))).map((f) => readFileSync(path.join(CORPUS, f), 'utf8'));
  let out = '';
  let i = 0;
  while (Buffer.byteLength(out) < bytes) out += parts[i++ % parts.length] + '\n\n';
  // Trim to the byte budget without cutting a character in half.
  const buf = Buffer.from(out).subarray(0, bytes);
  return buf.toString('utf8').replace(/\uFFFD$/, '');
}

/**
 * What this machine charges for fresh memory: every edit makes two new strings the size of the document (the text and
 * its normalised form), which V8 places in memory fresh from the operating system. Measured against copying the same
 * bytes into memory already in use, with the page faults counted, so figures from different machines can be compared.
 */
function freshMemoryCost(doc: string, fmt: (ms: number) => string): string[] {
  const mid = doc.length >> 1;
  let k = 0;
  const faults0 = process.resourceUsage().minorPageFault;
  const runs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    const copy = doc.slice(0, mid) + String(k++ % 10) + doc.slice(mid + 1);
    copy.indexOf('\u0001'); // makes V8 write the joined string out in one piece
    runs.push(performance.now() - t0);
  }
  const faults = (process.resourceUsage().minorPageFault - faults0) / 100;
  const bytes = Buffer.from(doc, 'utf16le');
  const into = Buffer.alloc(bytes.length);
  const copied = time(() => bytes.copy(into), 20, 100);
  return [
    `This machine: a new string the size of the 1 MB synthetic document (${doc.length.toLocaleString('en')} UTF-16 units, what every edit makes twice) takes ` +
      `${fmt(median(runs))} ms and ${faults.toFixed(0)} page faults; copying the same ${(bytes.length / 1e6).toFixed(2)} MB into memory already in use takes ${fmt(copied)} ms.`,
  ];
}

/**
 * The extension's activation in real VS Code (code-server, driven by headless Chromium): the code-server suite's
 * activation test, run alone in a fresh code-server each time. It prints VS Code's own activation figure (Running
 * Extensions: loading our module and `activate()` until its promise settles, the language server's start included)
 * and the time from opening a report to its first diagnostics.
 */
function activationBench(runs: number): string[] {
  const figures = { ACTIVATION_MS: [] as number[], FIRST_DIAGNOSTICS_MS: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test/vscode/run-code-server-tests.mjs')], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, XXGKNB_TEST_GREP: 'activates the extension' }, timeout: 300_000,
    });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0 || !/^1 passed, 0 failed$/m.test(out)) {
      const why = r.error ? String(r.error) : out.trim().split('\n').slice(-3).join(' / ');
      return ['## Extension activation (VS Code in code-server)', '', `Not measured: the code-server activation test did not pass (exit ${r.status}): ${why}`];
    }
    for (const key of Object.keys(figures) as (keyof typeof figures)[]) {
      const m = new RegExp(`${key}=(\\d+)`).exec(out);
      if (m) figures[key].push(Number(m[1]));
    }
  }
  const span = (xs: number[]) => (!xs.length ? 'not reported' : xs.length === 1 ? String(xs[0]) : `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`);
  return [
    '## Extension activation (VS Code in code-server)', '',
    `VS Code 1.100 (code-server) in headless Chromium running \`test/vscode/suite/00-activation.test.js\` alone, a fresh instance each`,
    `time: ${runs === 1 ? 'one run' : `the median of ${runs} runs, and their range`}.`, '',
    '| measure | ms |', '|---|---:|',
    `| activation, VS Code's own figure (Running Extensions: our module loaded and \`activate()\` settled, the language server started) | ${span(figures.ACTIVATION_MS)} |`,
    `| a report opened → its first diagnostics shown | ${span(figures.FIRST_DIAGNOSTICS_MS)} |`,
  ];
}

/** How many standard tables, and cells in them, an analysis read. */
function tablesRead(tables: { cells: unknown[] }[]): { tables: number; cells: number } {
  return { tables: tables.length, cells: tables.reduce((n, t) => n + t.cells.length, 0) };
}

async function main() {
  const md = new MarkdownIt();
  const { lint } = (await import('markdownlint/sync')) as { lint: (o: { strings: Record<string, string> }) => unknown };
  const lineSplit = (t: string) => t.split(/\r?\n/).length;
  const rows: string[] = [];
  const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

  // ------------------------------------------------------------- analysis per corpus file
  if (measures('analysis')) {
    rows.push('## Full analysis (parse + every check) per corpus file', '', '| file | KB | xxgknb ms | markdown-it ms | ratio | markdownlint ms | line split ms |', '|---|---:|---:|---:|---:|---:|---:|');
    let sumX = 0, sumM = 0;
    // Warm-up over the whole corpus first, for both: a fresh process's first analyses run unoptimised code (the first
    // report takes ≈ 30 ms, the next ones several times their settled time for the first hundred runs), so timing each
    // file after only its own few runs measured how far the compiler had got by then.
    const corpusTexts = corpusFiles.map((f) => readFileSync(path.join(CORPUS, f), 'utf8'));
    for (const warmUntil = performance.now() + (quick ? 500 : 3000); performance.now() < warmUntil;) {
      corpusFiles.forEach((f, i) => { analyze(corpusTexts[i]!, { format: formatOf(f) }); md.parse(corpusTexts[i]!, {}); });
    }
    for (const [i, f] of corpusFiles.entries()) {
      const text = corpusTexts[i]!;
      const x = time(() => analyze(text, { format: formatOf(f) }), 5, quick ? 30 : 150);
      const m = time(() => md.parse(text, {}), 5, quick ? 30 : 150);
      const l = time(() => lint({ strings: { f: text } }), 3, quick ? 30 : 150);
      const s = time(() => lineSplit(text), 5, 30);
      sumX += x; sumM += m;
      rows.push(`| ${f} | ${(Buffer.byteLength(text) / 1024).toFixed(1)} | ${fmt(x)} | ${fmt(m)} | ${(x / m).toFixed(2)} | ${fmt(l)} | ${fmt(s)} |`);
    }
    rows.push(`| **all ${corpusFiles.length} files** | | ${fmt(sumX)} | ${fmt(sumM)} | ${(sumX / sumM).toFixed(2)} | | |`, '');
    const corpusTables = { tables: 0, cells: 0 };
    corpusFiles.forEach((f, i) => {
      const read = tablesRead(analyze(corpusTexts[i]!, { format: formatOf(f) }).parsed.model.tables);
      corpusTables.tables += read.tables;
      corpusTables.cells += read.cells;
    });

    // ------------------------------------------------------------- synthetic sizes
    rows.push(
      '## Synthetic documents (corpus reports concatenated)', '',
      // (What the analysis reads in them: one document is one report, so one set of standard tables, whatever its
      // size. Per report of the corpus it reads each report's tables: that work is in the per-file figures only.)
      'Read as one report: the tables and cells the analysis reads in each are in the last column; the corpus files hold',
      `${corpusTables.tables} tables and ${corpusTables.cells.toLocaleString('en')} cells in all, read in the per-file figures above.`, '',
      '| size | xxgknb ms | MB/s | markdown-it ms | ratio | markdownlint ms | line split ms | tables (cells) read |', '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    const sizes = quick ? [100_000, 1_000_000] : [100_000, 1_000_000, 10_000_000];
    for (const bytes of sizes) {
      const text = synthetic(bytes);
      const runs = bytes >= 10_000_000 ? 3 : 5;
      const x = time(() => analyze(text), runs);
      const m = time(() => md.parse(text, {}), runs);
      const l = bytes >= 10_000_000 ? NaN : time(() => lint({ strings: { f: text } }), 3);
      const s = time(() => lineSplit(text), runs);
      const read = tablesRead(analyze(text).parsed.model.tables);
      rows.push(`| ${bytes / 1e6} MB | ${fmt(x)} | ${(bytes / 1e6 / (x / 1000)).toFixed(1)} | ${fmt(m)} | ${(x / m).toFixed(2)} | ${Number.isNaN(l) ? 'not run' : fmt(l)} | ${fmt(s)} | ${read.tables} (${read.cells.toLocaleString('en')}) |`);
    }
    rows.push('');
  }

  // ------------------------------------------------------------- one-character edit
  if (measures('edit')) {
    // From scratch, and incrementally from the previous version (what the language server does per keystroke).
    rows.push('## Re-analysis after a one-character edit', '', '| document | from scratch ms | incremental ms (median) | incremental ms (90th percentile) |', '|---|---:|---:|---:|');
    const editDocs: [string, string][] = [['1 MB synthetic (70 reports)', synthetic(1_000_000)], [PLAIN_NAME, synthetic(1_000_000, true)], ['1 MB single report (long prose)', longReport(1_000_000)], ['50 KB synthetic', synthetic(50_000)]];
    for (const [name, doc] of editDocs) {
      const mid = doc.indexOf('\n', Math.floor(doc.length / 2)) + 1;
      let k = 0;
      const scratch = time(() => { const t = doc.slice(0, mid) + String(k++ % 10) + doc.slice(mid + 1); analyze(t); });
      // Typing: each version is analysed with the previous one's parse.
      let text = doc;
      let prev = analyze(text);
      const xs: number[] = [];
      for (let i = 0; i < (quick ? 60 : 400); i++) {
        text = text.slice(0, mid + i) + '字' + text.slice(mid + i);
        const t0 = performance.now();
        prev = analyze(text, { previous: prev.parsed });
        if (i >= 20) xs.push(performance.now() - t0);
      }
      const p90 = [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
      rows.push(`| ${name} | ${fmt(scratch)} | ${fmt(median(xs))} | ${fmt(p90)} |`);
    }
    rows.push('', ...freshMemoryCost(editDocs[0]![1], fmt), '');
  }

  // ------------------------------------------------------------- LSP
  if (measures('lsp') && existsSync(path.join(ROOT, 'dist/server.js'))) rows.push(...(await lspBench(synthetic, longReport, fmt, quick)));

  // ------------------------------------------------------------- CLI throughput
  if (measures('cli')) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgknb-bench-'));
    try {
      const n = quick ? 200 : 1000;
      for (let i = 0; i < n; i++) {
        const f = corpusFiles[i % corpusFiles.length]!;
        copyFileSync(path.join(CORPUS, f), path.join(dir, `${String(i).padStart(4, '0')}-${path.basename(f)}`));
      }
      rows.push(`## CLI throughput (\`xxgknb check\` on the corpus repeated to ${n} files)`, '', '| worker threads | seconds | reports/s |', '|---:|---:|---:|');
      for (const jobs of [1, 2, 0]) {
        // Best of three runs (a shared machine is noisy); 0: the default for this machine.
        let best = Infinity;
        for (let r = 0; r < (quick ? 1 : 3); r++) {
          const t0 = performance.now();
          spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', dir, '--format', 'json', ...(jobs ? ['--jobs', String(jobs)] : [])], { stdio: 'ignore' });
          best = Math.min(best, (performance.now() - t0) / 1000);
        }
        rows.push(`| ${jobs || 'default'} | ${best.toFixed(2)} | ${(n / best).toFixed(0)} |`);
      }
      rows.push('');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }

  // ------------------------------------------------------------- bundles
  if (measures('bundles')) {
    rows.push('## Bundle sizes (production build)', '', '| file | KB |', '|---|---:|');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--production'], { stdio: 'ignore', cwd: ROOT });
    for (const f of ['client.js', 'server.js', 'cli.js']) rows.push(`| dist/${f} | ${(statSync(path.join(ROOT, 'dist', f)).size / 1024).toFixed(0)} |`);
    const vsix = readdirSync(ROOT).find((f) => f.endsWith('.vsix'));
    if (vsix) rows.push(`| ${vsix} | ${(statSync(path.join(ROOT, vsix)).size / 1024).toFixed(0)} |`);
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'ignore', cwd: ROOT });
    rows.push('');
  }

  // ------------------------------------------------------------- extension activation
  if (measures('activation')) rows.push(...activationBench(quick ? 1 : 3), '');

  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const header = [
    '# Performance', '',
    `Measured by \`npm run bench\`${quick ? ' --quick' : ''} on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    'Times are medians of repeated runs after a warm-up, in milliseconds; "ratio" is xxgknb ÷ markdown-it on the same text',
    '(below 1 means the full analysis is faster than a Markdown parse). Sizes are UTF-8 bytes; Chinese text is about 3 bytes a character.',
    'The analysis and edit figures run the core bundled and minified as the extension ships it (until 2026-11-25 they ran it through tsx, ≈ 20 % slower);',
    'markdown-it and markdownlint run as published.',
    'Targets (issue 7): full analysis faster than markdown-it (ratio < 1); 1 MB analysed in under 30 ms; edit → diagnostics under 10 ms at 1 MB.', '',
  ];
  // Notes written by hand below the marker survive a new run.
  const file = path.join(ROOT, 'docs/performance.md');
  const MARK = '<!-- notes: kept across runs -->';
  let notes = '';
  try { const old = readFileSync(file, 'utf8'); const at = old.indexOf(MARK); if (at >= 0) notes = old.slice(at); } catch { /* first run */ }
  const out = [...header, ...rows].join('\n') + '\n' + (notes ? `\n${notes}` : '');
  if (!only && !process.argv.includes('--no-write')) writeFileSync(file, out);
  process.stdout.write(out);
}

void main();

