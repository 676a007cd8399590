/**
 * The command-line tool. Stable contracts (other tools depend on them; extend, never rename):
 *   xxgknb parse FILE [--json]
 *   xxgknb check PATH... [--format text|json|sarif] [--fix] [--era auto|2008|2019|2021] [--rule CODE=SEVERITY]
 *                        [--organ-type auto|department|government] [--lang zh|en] [--no-config] [--quiet] [--jobs N] [--no-color]
 *   xxgknb lsp --stdio
 *   xxgknb rules [--json]
 * Exit codes of `check`: 0 no error-severity diagnostic, 1 some, 2 usage or I/O failure.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { formatOfPath, parseReport, RULE_BY_CODE, RULES, type CheckConfig, type Locale, type Section, type Severity } from '../core/index';
import { decode, isBinary } from '../core/text/decode';
import { discover } from './files';
import { readInput, STDIN } from '../node/read';
import { formatJson, formatSarif, formatText, summaryCounts, VERSION } from './format';
import { checkFile, withCrossYear, type FileResult, type RunOptions } from './run';

const USAGE = `xxgknb ${VERSION} — 政府信息公开工作年度报告检查工具

用法 / usage:
  xxgknb check PATH...   检查文件、目录或通配符（如 "reports/**/*.txt"）；- 为标准输入
      --format text|json|sarif   输出格式（默认 text）
      --fix                      应用所有确定无误的修复并写回文件
      --era auto|2008|2019|2021  指定格式年代（默认自动识别）
      --organ-type auto|department|government   机关类型（影响发布期限等检查）
      --rule CODE=SEVERITY       调整规则严重程度（error|warning|info|hint|off），可重复
      --no-config                不读取 .xxgknb.json
      --quiet                    只输出错误
      --lang zh|en               消息语言（默认 zh）
      --jobs N                   并行线程数（默认：CPU 核数减一，双核及以下为 1；至多 CPU 核数）
      --no-color                 不使用颜色
  xxgknb parse FILE [--json]     输出解析得到的报告模型
  xxgknb lsp --stdio             以标准输入输出启动语言服务器
  xxgknb rules [--json]          列出所有检查规则
  xxgknb --version | --help

退出码 / exit codes (check): 0 无错误, 1 有错误, 2 用法或读写错误
`;

class UsageError extends Error {}

interface Args { command: string; paths: string[]; flags: Map<string, string[]> }

const BOOLEAN = new Set(['--fix', '--json', '--no-config', '--quiet', '--no-color', '--stdio', '--help', '--version', '--node-ipc']);

function parseArgs(argv: string[]): Args {
  const [command = '', ...rest] = argv;
  const paths: string[] = [];
  const flags = new Map<string, string[]>();
  let optionsEnded = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    // After `--` every argument is a path (a file named `--x.md`).
    if (a === '--' && !optionsEnded) { optionsEnded = true; continue; }
    // `-` is standard input, as in most command-line tools (`curl … | xxgknb check -`).
    if (optionsEnded || !a.startsWith('--')) { paths.push(a === '-' ? STDIN : a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    // `--fix=false` must not fix: a switch takes no value rather than ignoring the one given.
    if (BOOLEAN.has(name) && eq > 0) throw new UsageError(`${name} 不带值 / takes no value: ${a}`);
    let value = eq > 0 ? a.slice(eq + 1) : '';
    if (!BOOLEAN.has(name) && eq < 0) {
      if (i + 1 >= rest.length) throw new UsageError(`${name} 需要一个值 / needs a value`);
      value = rest[++i]!;
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { command, paths, flags };
}

function one(args: Args, name: string, allowed?: string[]): string | undefined {
  const v = args.flags.get(name)?.at(-1);
  if (v !== undefined && allowed && !allowed.includes(v)) throw new UsageError(`${name} 应为 ${allowed.join('|')}，而不是 ${v}`);
  return v;
}

const KNOWN_FLAGS: Record<string, string[]> = {
  check: ['--format', '--fix', '--era', '--organ-type', '--rule', '--no-config', '--quiet', '--lang', '--jobs', '--no-color'],
  parse: ['--json', '--era'],
  lsp: ['--stdio', '--node-ipc'],
  rules: ['--json', '--lang'],
};

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    // Output read only in part (`… | head`): the reader is gone, nothing is left to say; end as an I/O failure,
    // without Node's stack trace of an unhandled 'error' event. (The server's stdout is its protocol: not here.)
    if (argv[0] !== 'lsp') {
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') process.stderr.write(`xxgknb: 无法写出结果 / cannot write the output: ${e.message}\n`);
        process.exit(2);
      });
    }
    // (Options are those before `--`: after it, `--help` is a file's name.)
    const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
    if (options.includes('--version') || argv[0] === 'version') { process.stdout.write(`${VERSION}\n`); return 0; }
    if (!argv.length || options.includes('--help') || argv[0] === 'help') { process.stdout.write(USAGE); return argv.length ? 0 : 2; }
    args = parseArgs(argv);
    const known = KNOWN_FLAGS[args.command];
    if (!known) throw new UsageError(`未知命令 / unknown command: ${args.command}`);
    for (const f of args.flags.keys()) if (!known.includes(f)) throw new UsageError(`${args.command} 不接受 ${f} / unknown option`);
    switch (args.command) {
      case 'check': return await commandCheck(args);
      case 'parse': return commandParse(args);
      case 'rules': return commandRules(args);
      case 'lsp': return await commandLsp(args);
    }
    return 2;
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`xxgknb: ${e.message}\n\n${USAGE}`); return 2; }
    if ((e as NodeJS.ErrnoException).syscall === 'uv_cwd') { process.stderr.write('xxgknb: 当前目录已不存在 / the current folder no longer exists\n'); return 2; }
    process.stderr.write(`xxgknb: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

function checkConfig(args: Args): CheckConfig {
  const config: CheckConfig = {};
  const era = one(args, '--era', ['auto', '2008', '2019', '2021']);
  if (era) config.era = era as CheckConfig['era'];
  const organ = one(args, '--organ-type', ['auto', 'department', 'government']);
  if (organ) config.organType = organ as CheckConfig['organType'];
  config.locale = (one(args, '--lang', ['zh', 'en']) ?? 'zh') as Locale;
  for (const r of args.flags.get('--rule') ?? []) {
    const m = /^([a-z0-9-]+)=(error|warning|info|hint|off)$/.exec(r);
    if (!m) throw new UsageError(`--rule 应为 CODE=error|warning|info|hint|off，而不是 ${r}`);
    if (!RULE_BY_CODE.has(m[1]!)) throw new UsageError(`未知的规则代码 / unknown rule: ${m[1]}`);
    (config.rules ??= {})[m[1]!] = m[2] as Severity | 'off';
  }
  return config;
}

async function commandCheck(args: Args): Promise<number> {
  if (!args.paths.length) throw new UsageError('check 需要至少一个文件、目录或通配符');
  const format = one(args, '--format', ['text', 'json', 'sarif']) ?? 'text';
  const jobsFlag = one(args, '--jobs');
  if (jobsFlag !== undefined && !/^[1-9]\d*$/.test(jobsFlag)) throw new UsageError('--jobs 应为正整数');
  const opts: RunOptions = { config: checkConfig(args), fix: args.flags.has('--fix'), useProjectConfig: !args.flags.has('--no-config') };
  const cwd = process.cwd();
  const found = discover(args.paths, cwd);
  const tty = process.stderr.isTTY === true;
  const progress = tty && format === 'text' && found.files.length > 1
    ? (done: number, total: number) => { process.stderr.write(`\r检查中 ${done}/${total} ${'█'.repeat(Math.round((done / total) * 20)).padEnd(20, '░')}`); if (done === total) process.stderr.write('\r\x1b[K'); }
    : undefined;
  // At most one thread per core and per file: more only compete (300 on two cores took 43 s and 1.9 GB, one 1.8 s).
  const jobs = Math.max(1, Math.min(Number(jobsFlag ?? defaultJobs()), found.files.length, cores()));
  const results = withCrossYear(jobs > 1 && found.files.length >= 8 ? await checkInWorkers(found.files, found.raw, opts, jobs, progress) : found.files.map((f, i) => { const r = checkFile(f, opts, found.raw.get(f)); progress?.(i + 1, found.files.length); return r; }));
  for (const p of found.problems) results.push({ file: path.resolve(cwd, p.path), era: null, isReport: false, diagnostics: [], error: p.message });
  const locale = opts.config.locale ?? 'zh';
  const color = format === 'text' && process.stdout.isTTY === true && !args.flags.has('--no-color') && !process.env.NO_COLOR;
  const text = format === 'json' ? formatJson(results, cwd) : format === 'sarif' ? formatSarif(results, cwd, locale, found.raw) : formatText(results, { color, cwd, locale, quiet: args.flags.has('--quiet') });
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  const s = summaryCounts(results);
  if (s.failed) return 2;
  return s.errors ? 1 : 0;
}

/**
 * Threads to check on by default: one per core beyond the first. V8's own compiler and garbage-collector threads
 * keep about half a core busy beside each analysing thread (measured: one thread shows 140–160 % CPU), so on two
 * cores a second analysing thread only adds contention (docs/performance.md).
 */
function defaultJobs(): number {
  return cores() <= 2 ? 1 : cores() - 1;
}

function cores(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** Spreads files over worker threads (the same bundle, started in worker mode). */
function checkInWorkers(files: string[], raw: Map<string, Buffer>, opts: RunOptions, jobs: number, progress?: (done: number, total: number) => void): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    const results: FileResult[] = new Array(files.length);
    let next = 0, done = 0, alive = 0;
    const start = () => {
      const w = new Worker(__filename, { workerData: { xxgknbWorker: true, opts } });
      alive++;
      const feed = () => { if (next < files.length) { const i = next++; w.postMessage({ i, file: files[i], raw: raw.get(files[i]!) }); } else { void w.terminate(); } };
      w.on('message', (m: { i: number; result: FileResult }) => { results[m.i] = m.result; done++; progress?.(done, files.length); feed(); });
      w.on('error', reject);
      w.on('exit', () => { if (--alive === 0) resolve(results.filter(Boolean)); });
      feed();
    };
    for (let k = 0; k < jobs; k++) start();
  });
}

function commandParse(args: Args): number {
  if (args.paths.length !== 1) throw new UsageError('parse 需要一个文件 / parse takes one file');
  const file = args.paths[0]!;
  const input = readInput(file);
  if (input.error !== undefined) { process.stderr.write(`xxgknb: ${file}: ${input.error}\n`); return 2; }
  const bytes = input.bytes;
  if (isBinary(bytes)) { process.stderr.write(`xxgknb: ${file} 是二进制文件 / is a binary file\n`); return 2; }
  const { text, encoding } = decode(bytes);
  const era = one(args, '--era', ['auto', '2008', '2019', '2021']) as CheckConfig['era'];
  const { model } = parseReport(text, { format: formatOfPath(file), era });
  if (args.flags.has('--json')) { process.stdout.write(JSON.stringify({ file, encoding, ...model }, null, 2) + '\n'); return 0; }
  const m = model.meta;
  const lines = [`${file}  (${encoding})`, `  标题 ${m.title ?? '—'}`, `  机关 ${m.organ ?? '—'}（${m.organType}）  年度 ${m.year ?? '—'}  格式 ${m.era}  ${model.isReport ? '年报' : '不像年报'}`];
  const walk = (ss: Section[], depth: number) => { for (const s of ss) { lines.push(`  ${'  '.repeat(depth)}${s.headingRange.start.line + 1}: ${s.title}${s.item ? `  [${s.item}]` : ''}`); walk(s.children, depth + 1); } };
  walk(model.sections, 0);
  for (const t of model.tables) lines.push(`  ${t.kind} ${t.era ?? ''} ${t.representation} 置信度${t.confidence} ${t.cells.length}格 行${t.range.start.line + 1}–${t.range.end.line + 1}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function commandRules(args: Args): number {
  const locale = (one(args, '--lang', ['zh', 'en']) ?? 'zh') as Locale;
  if (args.flags.has('--json')) { process.stdout.write(JSON.stringify(RULES.map((r) => ({ code: r.code, severity: r.defaultSeverity, title: r.title, eras: r.eras ?? ['2008', '2019', '2021'] })), null, 2) + '\n'); return 0; }
  for (const r of RULES) process.stdout.write(`${r.code.padEnd(24)} ${r.defaultSeverity.padEnd(8)} ${locale === 'en' ? r.title.en : r.title.zh}\n`);
  return 0;
}

async function commandLsp(args: Args): Promise<number> {
  if (!args.flags.has('--stdio') && !args.flags.has('--node-ipc')) throw new UsageError('lsp 需要 --stdio / lsp needs --stdio');
  // The server reads its transport from process.argv, as vscode-languageserver does.
  const { runServer } = await import('../lsp/entry');
  runServer();
  return await new Promise<number>(() => { /* runs until the client exits the process */ });
}

if (!isMainThread && (workerData as { xxgknbWorker?: boolean })?.xxgknbWorker) {
  const opts = (workerData as { opts: RunOptions }).opts;
  parentPort!.on('message', (m: { i: number; file: string; raw?: Uint8Array }) => {
    let result: FileResult;
    try { result = checkFile(m.file, opts, m.raw); } catch (e) { result = { file: m.file, era: null, isReport: false, diagnostics: [], error: `内部错误 / internal error: ${(e as Error).message}` }; }
    parentPort!.postMessage({ i: m.i, result });
  });
} else if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => { if (code !== undefined) process.exitCode = code; });
}

export { main };
