/**
 * Runs analyses off the connection's thread: a worker thread (the server bundle itself, started with a flag)
 * does the parsing and checking, so a long analysis never delays other messages, cancellations included.
 * Jobs run one at a time, in order; a queued job whose document has moved on to a newer version is dropped before
 * it starts (`wanted()`), so only the latest text of a document is analysed.
 * Without a worker (running from sources, or the worker failed) the same queue runs on the main thread,
 * yielding to the event loop before each job.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, YearFacts } from '../core/index';
import { AnalysisSession, utf8Length, type AnalysisInput, type AnalysisResult } from './analysis';
import { lspDiagnosticsUtf8, sameLspDiagnostics } from './convert';
import { HUGE_DOCUMENT_BYTES } from './constants';
import { JsonList } from './jsonList';
import { now, TRACING, type TraceMarks } from './trace';

/** Set in `workerData` when the server bundle is started as the analysis worker. */
export const WORKER_FLAG = 'xxgknbAnalysisWorker';

export class StaleJobError extends Error {
  constructor() { super('the document changed before it was analysed'); }
}

/** A job the analyzer will never run: the server is shutting down (asked after `shutdown`, or in flight then). */
export class ShutDownError extends StaleJobError {}

/**
 * What is known before the model arrives: the diagnostics are published from this, the model follows.
 * `items`: the LSP diagnostics, as the JSON text the worker wrote (parsed only for a transport that encodes messages
 * itself: jsonList.ts). When they are what the document's previous early result said (most keystrokes change no
 * diagnostic), they are that very list: a consumer can tell "unchanged" by identity.
 */
export interface EarlyResult { isReport: boolean; items: JsonList<LspDiagnostic>; facts: YearFacts | null; trace?: TraceMarks }
/**
 * As the worker sends it: `lsp`, the UTF-8 bytes of the diagnostics' JSON (handed over, not copied: jsonList.ts), or
 * null for "the same as the last early result for this document".
 */
type WireEarly = Omit<EarlyResult, 'items'> & { lsp: Uint8Array | null };

interface Job {
  input: AnalysisInput;
  wanted: () => boolean;
  /** Gets the diagnostics first; the model is sent when what it returns has settled (the diagnostics are written). */
  early?: (r: EarlyResult) => Promise<unknown> | undefined;
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
  /** The input text between two offsets, without reading the whole text (an open document's pieces). */
  slice?: (from: number, to: number) => string;
}

type Log = (message: string) => void;

/** The model is asked for at the latest this long after the diagnostics, even if writing them has not finished. */
const RESUME_AFTER_MS = 50;

export class Analyzer {
  private queue: Job[] = [];
  private background: Job[] = [];
  private running: Job | null = null;
  private worker: Worker | null = null;
  private workerReady = false;
  private crashes = 0;
  private disposed = false;
  private nextId = 1;
  private runningId = 0;
  /** When the running job was posted to the worker (XXGKNB_TRACE). */
  private posted = 0;
  /** Incremental parses when analysing on this thread. */
  private readonly session = new AnalysisSession();
  /**
   * Per open document whose text the worker has (the last one posted): how much of its start (`prefix`) and end
   * (`suffix`) the current text still shares with it. The next job sends only what lies between, not the whole text.
   */
  private readonly sent = new Map<string, { prefix: number; suffix: number }>();
  /** Per open document, the diagnostics of the worker's last early result (it sends null instead of the same again). */
  private readonly lastEarly = new Map<string, JsonList<LspDiagnostic>>();

  /** `workerFile`: the server bundle to start as a worker, or null to analyse on the main thread. */
  constructor(private readonly workerFile: string | null, private readonly log: Log) {}

  /** Where the worker code is: the server bundle next to the running bundle (dist/server.js), if it exists. */
  static defaultWorkerFile(): string | null {
    if (process.env.XXGKNB_ANALYSIS_WORKER === '0') return null;
    const file = path.join(__dirname, 'server.js');
    return fs.existsSync(file) ? file : null;
  }

  get mode(): 'worker' | 'main-thread' { return this.workerFile && this.crashes < 3 ? 'worker' : 'main-thread'; }

  /**
   * Analyses one version. `early` gets the diagnostics as soon as they exist: the worker sends them before the
   * model, whose transfer takes a few milliseconds on large documents.
   */
  run(input: AnalysisInput, wanted: () => boolean = () => true, early?: (r: EarlyResult) => Promise<unknown> | undefined, slice?: (from: number, to: number) => string): Promise<AnalysisResult> {
    return new Promise<AnalysisResult>((resolve, reject) => {
      if (this.disposed) { reject(new ShutDownError()); return; }
      this.queue.push({ input, wanted, early, resolve, reject, slice });
      this.pump();
    });
  }

  /**
   * Analyses a text nobody is waiting to see (the reports beside an open one): it runs only when no other job is
   * queued, so a folder of reports read in the background never delays the diagnostics of what the user types.
   */
  runInBackground(input: AnalysisInput): Promise<AnalysisResult> {
    return new Promise<AnalysisResult>((resolve, reject) => {
      if (this.disposed) { reject(new ShutDownError()); return; }
      this.background.push({ input, wanted: () => true, resolve, reject });
      this.pump();
    });
  }

  /** A document was closed: its kept parse is dropped (in the worker too). */
  forget(uri: string): void {
    this.session.forget(uri);
    this.sent.delete(uri);
    this.lastEarly.delete(uri);
    this.worker?.postMessage({ forget: uri });
  }

  /**
   * An open document's text changed: [start, end) of the text before the change (`length` characters) was replaced.
   * Called for every change, in order, whether or not its version is ever analysed.
   */
  edited(uri: string, start: number, end: number, length: number): void {
    const s = this.sent.get(uri);
    if (!s) return;
    s.prefix = Math.min(s.prefix, start);
    s.suffix = Math.min(s.suffix, length - end);
  }

  /** Every job not finished is rejected (ShutDownError), the one running too: its worker is ended with it. */
  dispose(): void {
    this.disposed = true;
    const unfinished = [...(this.running ? [this.running] : []), ...this.queue, ...this.background];
    this.running = null;
    this.queue = [];
    this.background = [];
    for (const j of unfinished) j.reject(new ShutDownError());
    void this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    let job: Job | undefined;
    while ((job = this.queue.shift())) {
      if (job.wanted()) break;
      job.reject(new StaleJobError());
    }
    job ??= this.background.shift();
    if (!job) return;
    // Huge documents are never sent anywhere: that is the whole point of the limit.
    // (A UTF-16 unit is at most 3 bytes of UTF-8: most texts need not be measured, which means reading them through.)
    const bytes = job.input.text.length * 3 <= HUGE_DOCUMENT_BYTES ? 0 : utf8Length(job.input.text);
    if (bytes > HUGE_DOCUMENT_BYTES) { job.resolve({ kind: 'huge', bytes }); setImmediate(() => this.pump()); return; }
    this.running = job;
    if (this.mode === 'worker') this.runInWorker(job);
    else this.runHere(job);
  }

  private finish(job: Job, result: AnalysisResult | Error): void {
    if (this.running !== job) return;
    this.running = null;
    if (result instanceof Error) job.reject(result); else job.resolve(result);
    setImmediate(() => this.pump());
  }

  private runHere(job: Job): void {
    // Let queued messages (changes, cancellations) in before the synchronous work.
    setImmediate(() => {
      if (!job.wanted()) { this.finish(job, new StaleJobError()); return; }
      this.finish(job, this.session.analyse(job.input));
    });
  }

  private runInWorker(job: Job): void {
    const worker = this.ensureWorker();
    if (!worker) { this.runHere(job); return; }
    const id = this.nextId++;
    this.runningId = id;
    if (TRACING) this.posted = now();
    const { input } = job;
    const base = input.uri ? this.sent.get(input.uri) : undefined;
    const prefix = base ? Math.min(base.prefix, input.text.length) : 0, suffix = base ? Math.min(base.suffix, input.text.length - prefix) : 0;
    if (input.uri && base && Number.isInteger(prefix) && Number.isInteger(suffix) && prefix >= 0 && suffix >= 0) {
      // The worker has an earlier text of this document: it gets the part that differs.
      // (Read from the document's pieces when it has them: slicing the joined text would make V8 copy all of it.)
      const middle = (job.slice ?? ((a: number, b: number) => input.text.slice(a, b)))(prefix, input.text.length - suffix);
      worker.postMessage({ id, input: { ...input, text: '' }, delta: { prefix, suffix, middle }, early: !!job.early });
    } else worker.postMessage({ id, input, early: !!job.early });
    if (input.uri) this.sent.set(input.uri, { prefix: Infinity, suffix: Infinity });
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const w = new Worker(this.workerFile!, { workerData: { [WORKER_FLAG]: true }, stdout: true, stderr: true });
      w.unref();
      // Anything the worker prints must never reach the LSP stream on stdout.
      w.stdout.on('data', (d: Buffer) => this.log(`[worker] ${d.toString().trimEnd()}`));
      w.stderr.on('data', (d: Buffer) => this.log(`[worker] ${d.toString().trimEnd()}`));
      w.on('message', (m: { ready?: boolean; id?: number; uri?: string; early?: WireEarly; result?: AnalysisResult }) => {
        if (m.ready) { this.workerReady = true; return; }
        // A worker that failed and was replaced may still have messages on their way: they belong to nothing now.
        if (this.worker !== w) return;
        const received = TRACING ? now() : 0;
        // Kept in step with the worker's record whatever becomes of the job (both see every early result in order).
        const early = m.early && m.uri !== undefined ? this.receiveEarly(m.uri, m.early) : undefined;
        if (m.id !== this.runningId || !this.running) return;
        if (m.early && !early) w.postMessage({ resume: m.id });
        if (early) {
          if (early.trace) Object.assign(early.trace, { posted: this.posted, received });
          // The model is asked for once the diagnostics are written (its transfer would compete with writing them on
          // a machine with few cores), and whatever publishing does, it is asked for, or the queue would stop here.
          const id = m.id;
          const resume = () => { if (this.worker === w) w.postMessage({ resume: id }); };
          let written: Promise<unknown> | undefined;
          try { written = this.running.early?.(early); } catch (e) { this.log(`publishing diagnostics failed: ${String(e)}`); }
          if (written) void Promise.race([written, new Promise((r) => setTimeout(r, RESUME_AFTER_MS))]).then(resume, resume); else resume();
        }
        if (m.result) {
          // Whatever went wrong, the next version of the document goes to the worker whole.
          if (m.result.kind === 'error' && this.running.input.uri) this.sent.delete(this.running.input.uri);
          this.finish(this.running, m.result);
        }
      });
      w.on('error', (e) => this.onWorkerFailure(w, e));
      w.on('exit', (code) => { if (this.worker === w && !this.disposed) this.onWorkerFailure(w, new Error(`analysis worker exited with code ${code}`)); });
      this.worker = w;
      return w;
    } catch (e) {
      this.log(`cannot start the analysis worker (${(e as Error).message}); analysing on the main thread`);
      this.crashes = 3;
      return null;
    }
  }

  /**
   * An early result as the worker sent it, or with the last diagnostics when it said "the same as before";
   * undefined if this side no longer has them (the document was forgotten meanwhile): the model will bring them.
   */
  private receiveEarly(uri: string, wire: WireEarly): EarlyResult | undefined {
    const { lsp, ...rest } = wire;
    // (Kept even for a version nobody waits for any more: the next one may say "the same".)
    const items = lsp === null ? this.lastEarly.get(uri) : JsonList.fromJson<LspDiagnostic>(lsp);
    if (!items) return undefined;
    this.lastEarly.set(uri, items);
    return { ...rest, items };
  }

  private onWorkerFailure(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.sent.clear();
    this.lastEarly.clear();
    this.crashes++;
    this.log(`analysis worker failed${this.workerReady ? '' : ' to start'}: ${e.message}${this.crashes >= 3 ? ' — analysing on the main thread from now on' : ''}`);
    this.workerReady = false;
    void w.terminate();
    const job = this.running;
    if (job) {
      this.running = null;
      // The job may have crashed the worker (out of memory): report it instead of retrying forever.
      job.resolve({ kind: 'error', message: e.message });
      setImmediate(() => this.pump());
    }
  }
}

/**
 * The worker side: answers analysis jobs until the parent goes away. When the parent publishes (push mode), an open
 * document's diagnostics go first, ready to publish; the model (and the diagnostics with their fixes) follows when
 * the parent asks for it (`resume`), once it has published: serialising a large model takes milliseconds of CPU that
 * would otherwise compete with sending the diagnostics on a machine with few cores.
 */
type WorkerMessage = { id: number; input: AnalysisInput; delta?: TextDelta; early?: boolean } | { forget: string } | { resume: number };
/** The text of a job as the part that differs from the document's previous text in the worker. */
interface TextDelta { prefix: number; suffix: number; middle: string }
export function runAnalysisWorker(port: { on(ev: 'message', f: (m: WorkerMessage) => void): void; postMessage(m: unknown, transfer?: ArrayBuffer[]): void }): void {
  const session = new AnalysisSession();
  /** The last diagnostics sent for each open document (the parent keeps them). */
  const sentLsp = new Map<string, Diagnostic[]>();
  let held: { id: number; result: AnalysisResult } | null = null;
  const release = () => { if (held) { port.postMessage(held); held = null; } };
  port.on('message', (m) => {
    if ('forget' in m) { session.forget(m.forget); sentLsp.delete(m.forget); return; }
    if ('resume' in m) { if (held?.id === m.resume) release(); return; }
    release();
    const started = TRACING ? now() : 0;
    if (m.delta && m.input.uri) {
      // The text the change applies to is that of the document's last analysis (kept for the incremental parse).
      const base = session.textOf(m.input.uri);
      // Never happens (the parent sends a delta only after a full text, whole again after a failed analysis, and
      // forgets with us): but never guess.
      if (base === undefined) { port.postMessage({ id: m.id, result: { kind: 'error', message: 'the analysis worker lost the text of the document' } }); return; }
      m.input.text = base.slice(0, m.delta.prefix) + m.delta.middle + base.slice(base.length - m.delta.suffix);
    }
    const result = session.analyse(m.input);
    if (result.kind === 'ok' && m.input.uri && m.early) {
      const uri = m.input.uri;
      const analysed = TRACING ? now() : 0;
      const last = sentLsp.get(uri);
      // (sameLspDiagnostics holds exactly when the LSP JSON would be the same: test/unit/same-diagnostics.test.ts.)
      const lsp = last && sameLspDiagnostics(last, result.diagnostics) ? null : lspDiagnosticsUtf8(result.diagnostics, uri);
      sentLsp.set(uri, result.diagnostics);
      const early: WireEarly = { isReport: result.model.isReport, lsp, facts: result.facts };
      if (TRACING) early.trace = { started, analysed, serialised: now() };
      port.postMessage({ id: m.id, uri, early }, lsp ? [lsp.buffer as ArrayBuffer] : []);
      held = { id: m.id, result };
      return;
    }
    port.postMessage({ id: m.id, result });
  });
  port.postMessage({ ready: true });
}
