/**
 * LSP round trips over real stdio against the built server (dist/server.js), and its memory with 100 reports.
 * Two clients: one that takes pushed diagnostics (most editors), one that pulls them after each change as VS Code
 * does. The server runs with XXGKNB_TRACE=1 (server/src/lsp/trace.ts), so the pushed round trip is broken down
 * into stages by the server's own timestamps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { now, TRACE_NOTIFICATION, type TraceMarks, type TraceParams } from '../server/src/lsp/trace';

const ROOT = path.resolve(__dirname, '..');

/** The plain-text document's name in both benches' tables (run.ts builds it with `synthetic(bytes, true)`). */
export const PLAIN_NAME = '1 MB synthetic plain text (.txt)';

type Mode = 'push' | 'pull';
interface Server {
  conn: MessageConnection; child: ChildProcess;
  /** Receipt times of pushed diagnostics, per `uri@version`. */
  receivedAt: Map<string, number>;
  /** The server's trace of each version (after its diagnostics were published, or found unchanged), with its receipt time. */
  traces: Map<string, TraceParams & { at: number }>;
  /** Resolved by the first push of a document (didOpen). */
  waiters: Map<string, (v: unknown) => void>;
  /** Resolved by the trace of a `uri@version`. */
  traceWaiters: Map<string, () => void>;
}

async function startServer(mode: Mode): Promise<Server> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, XXGKNB_TRACE: '1' } });
  child.stdin!.on('error', () => { /* the server exits after `exit`; late writes are moot */ });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const receivedAt = new Map<string, number>();
  const traces = new Map<string, TraceParams & { at: number }>();
  const waiters = new Map<string, (v: unknown) => void>();
  const traceWaiters = new Map<string, () => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => { receivedAt.set(`${p.uri}@${p.version}`, now()); waiters.get(p.uri)?.(p); });
  conn.onNotification(TRACE_NOTIFICATION, (p: TraceParams) => {
    const key = `${p.uri}@${p.version}`;
    traces.set(key, { ...p, at: now() });
    traceWaiters.get(key)?.();
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => { /* status and logs */ });
  conn.listen();
  const diagnostic = mode === 'pull' ? { diagnostic: { dynamicRegistration: false } } : {};
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: {}, ...diagnostic } }, locale: 'zh-cn' });
  conn.sendNotification('initialized', {});
  return { conn, child, receivedAt, traces, waiters, traceWaiters };
}

async function stopServer(s: Server): Promise<void> {
  await s.conn.sendRequest('shutdown');
  await s.conn.sendNotification('exit');
  s.conn.dispose();
  s.child.kill();
}

const med = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : NaN);
const p90 = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]! : NaN);

/** The stages of a pushed round trip, between the bench's send, the server's marks and the bench's receipt. */
const STAGES: [string, keyof TraceMarks | 'sent', keyof TraceMarks | 'client'][] = [
  ['client → server has applied the change', 'sent', 'changed'], ['→ job posted to the worker', 'changed', 'posted'], ['→ worker starts', 'posted', 'started'],
  ['analysis (incremental)', 'started', 'analysed'], ['diagnostics → LSP JSON', 'analysed', 'serialised'], ['→ main thread', 'serialised', 'received'],
  ['published (parse, encode, write)', 'received', 'published'], ['→ client has them', 'published', 'client'],
];

export async function lspBench(synthetic: (bytes: number, plain?: boolean) => string, longReport: (bytes: number) => string, fmt: (ms: number) => string, quick: boolean): Promise<string[]> {
  // (The .md documents are read as Markdown from their name; the .txt one as what its content looks like.)
  const docs: [string, string, string][] = [['50 KB synthetic', synthetic(50_000), 'md'], ['1 MB synthetic (70 reports)', synthetic(1_000_000), 'md'], [PLAIN_NAME, synthetic(1_000_000, true), 'txt'], ['1 MB single report', longReport(1_000_000), 'md']];
  const rows = [
    '## Language server over stdio',
    '',
    'didChange → diagnostics: typing one character at a time in the middle of the document, 20 characters a second, then',
    'typing a line break each time (every diagnostic below it moves). Pushed: until `publishDiagnostics` arrives, or, when',
    'the diagnostics did not change and nothing is published (most typed characters: how many were), until the server says',
    'so (its trace, sent right after). Pulled (as VS Code does): `textDocument/diagnostic` sent with the change and the',
    'resultId of the last answer, until its answer ("unchanged" when the diagnostics are those the client has: how many were).',
    '',
    '| document | didOpen → diagnostics ms | typing, pushed (median) | (90th percentile) | not published | line breaks, pushed (median) | (90th percentile) | typing, pulled (median) | (90th percentile) | unchanged | line breaks, pulled (median) | (90th percentile) | documentSymbol ms | hover ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  /** Per document, per stage: the measured line breaks' durations (pushed; every one is published). */
  const stageTimes: number[][][] = [];
  const warmUp = quick ? 5 : 40, measured = quick ? 10 : 60;
  const uriOf = (k: number) => `file:///bench/doc-${k}.xxgknb.${docs[k]![2]}`;
  const lineOf = (text: string) => Math.floor(text.split('\n').length / 2);
  const typeAt = (uri: string, line: number) => (version: number) => ({ textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: version - 2 }, end: { line, character: version - 2 } }, text: '字' }] });
  const breakAt = (uri: string, line: number) => (version: number) => ({ textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n' }] });
  // One server at a time: the other one's garbage collection would share the two cores with the one measured.
  type Pushed = { times: number[]; unpublished: number; stages: number[][] };
  const pushedRows: { open: number; typed: Pushed; broken: Pushed; symbols: number[]; hovers: number[] }[] = [];
  const push = await startServer('push');
  /** Edits one after another; each until its diagnostics arrive, or the server says they did not change. */
  const pushedRun = async (uri: string, edit: (v: number) => unknown, first: number): Promise<Pushed> => {
    const { conn, receivedAt, traces, traceWaiters } = push;
    const run: Pushed = { times: [], unpublished: 0, stages: STAGES.map(() => []) };
    // The first edits warm up the JIT (a clerk types hundreds of characters in a session) and are not counted.
    for (let v = first; v < first + warmUp + measured; v++) {
      const key = `${uri}@${v}`;
      const traced = new Promise<void>((r) => traceWaiters.set(key, r));
      const sent = now();
      conn.sendNotification('textDocument/didChange', edit(v));
      await traced;
      traceWaiters.delete(key);
      await new Promise((r) => setTimeout(r, 50));
      if (v < first + warmUp) continue;
      const trace = traces.get(key)!;
      if (trace.unchanged) run.unpublished++;
      const marks: Record<string, number | undefined> = { ...trace.marks, sent, client: trace.unchanged ? trace.at : receivedAt.get(key) };
      run.times.push(marks.client! - sent);
      STAGES.forEach(([, from, to], s) => { if (marks[from] !== undefined && marks[to] !== undefined) run.stages[s]!.push(marks[to]! - marks[from]!); });
    }
    return run;
  };
  for (const [k, [, text]] of docs.entries()) {
    const uri = uriOf(k);
    const { conn, waiters } = push;
    let t0 = performance.now();
    const p = new Promise((r) => waiters.set(uri, r));
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgknb', version: 1, text } });
    await p;
    const open = performance.now() - t0;
    const typed = await pushedRun(uri, typeAt(uri, lineOf(text)), 2);
    const broken = await pushedRun(uri, breakAt(uri, lineOf(text)), 2 + warmUp + measured);
    stageTimes.push(broken.stages);
    const symbols: number[] = [], hovers: number[] = [];
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      t0 = performance.now(); await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }); symbols.push(performance.now() - t0);
      t0 = performance.now(); await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } }); hovers.push(performance.now() - t0);
    }
    conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    pushedRows.push({ open, typed, broken, symbols, hovers });
  }
  await stopServer(push);

  const pull = await startServer('pull');
  for (const [k, [name, text]] of docs.entries()) {
    const uri = uriOf(k);
    const line = lineOf(text);
    const change = typeAt(uri, line);
    const { open, typed: typedPushed, broken: brokenPushed, symbols, hovers } = pushedRows[k]!;
    let t0: number;
    // Pulled, as VS Code pulls: with the resultId of the answer it has. Typing in prose mostly changes no
    // diagnostic (answered "unchanged"); a line break moves every diagnostic below it (answered in full).
    const pulledRun = async (edit: (v: number) => unknown, first: number) => {
      const times: number[] = [];
      let unchanged = 0;
      let resultId = (await pull.conn.sendRequest<{ resultId?: string }>('textDocument/diagnostic', { textDocument: { uri } })).resultId;
      for (let v = first; v < first + warmUp + measured; v++) {
        t0 = performance.now();
        pull.conn.sendNotification('textDocument/didChange', edit(v));
        const r = await pull.conn.sendRequest<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultId });
        resultId = r.resultId;
        if (v >= first + warmUp) { times.push(performance.now() - t0); if (r.kind === 'unchanged') unchanged++; }
        await new Promise((r) => setTimeout(r, 50));
      }
      return { times, unchanged };
    };
    pull.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgknb', version: 1, text } });
    const typed = await pulledRun(change, 2);
    const broken = await pulledRun(breakAt(uri, line), 2 + warmUp + measured);
    pull.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const pulled = typed.times;

    rows.push(`| ${name} | ${fmt(open)} | ${fmt(med(typedPushed.times))} | ${fmt(p90(typedPushed.times))} | ${typedPushed.unpublished}/${typedPushed.times.length} | ${fmt(med(brokenPushed.times))} | ${fmt(p90(brokenPushed.times))} | ${fmt(med(pulled))} | ${fmt(p90(pulled))} | ${typed.unchanged}/${pulled.length} | ${fmt(med(broken.times))} | ${fmt(p90(broken.times))} | ${fmt(med(symbols))} | ${fmt(med(hovers))} |`);
  }
  await stopServer(pull);
  rows.push('', '**Where the pushed round trip\'s time goes** (median of each stage over the pushed line breaks, each one published, from the', 'server\'s timestamps; medians need not add up to the total\'s):', '', `| stage | ${docs.map(([n]) => n).join(' | ')} |`, `|---|${docs.map(() => '---:').join('|')}|`);
  STAGES.forEach(([name], s) => rows.push(`| ${name} | ${stageTimes.map((d) => fmt(med(d[s]!))).join(' | ')} |`));

  // Start-up: a fresh server process until it answers initialize, and until the first diagnostics of a report.
  const starts: { init: number; first: number }[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) starts.push(await coldStart(synthetic(15_000)));
  rows.push('', `Start-up of a fresh server (median of ${starts.length}): \`initialize\` answered after ${fmt(med(starts.map((x) => x.init)))} ms, a 15 KB report's first diagnostics after ${fmt(med(starts.map((x) => x.first)))} ms (from the process's spawn; the analysis worker starts with the first document).`);

  // Memory: 100 corpus-sized reports open at once, in a fresh server (the one above still holds on to what editing
  // the 1 MB documents made it take from the system, by as much as V8 happened not to give back: tens of MB).
  const fresh = await startServer('push');
  const report = synthetic(15_000);
  for (let i = 0; i < 100; i++) {
    const uri = `file:///bench/r${i}.xxgknb.md`;
    const p = new Promise((r) => fresh.waiters.set(uri, r));
    fresh.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgknb', version: 1, text: report } });
    await p;
  }
  const rss = rssOf(fresh.child.pid!);
  // Right after the last open, garbage of the analyses is still there; after two idle seconds V8 has collected it.
  await new Promise((r) => setTimeout(r, 2000));
  const settled = rssOf(fresh.child.pid!);
  rows.push('', `Server memory with 100 open reports of 15 KB (a fresh server): RSS ${(rss / 1024).toFixed(0)} MB right after opening them, ${(settled / 1024).toFixed(0)} MB two seconds later.`, '');
  await stopServer(fresh);
  return rows;
}

async function coldStart(text: string): Promise<{ init: number; first: number }> {
  const t0 = performance.now();
  const s = await startServer('push');
  const init = performance.now() - t0;
  const uri = 'file:///bench/cold.xxgknb.md';
  const p = new Promise((r) => s.waiters.set(uri, r));
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgknb', version: 1, text } });
  await p;
  const first = performance.now() - t0;
  await stopServer(s);
  return { init, first };
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
