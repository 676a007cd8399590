/**
 * The language server: `startServer(connection)` wires the analysis (analyzer.ts, one analysis per document
 * version and configuration, shared by every request) to the LSP features. The transport is the caller's
 * choice (main.ts: node-ipc from VS Code, `--stdio` otherwise; the CLI's `xxgknb lsp --stdio`).
 *
 * Diagnostics go one way per client: pulled (`textDocument/diagnostic`) when the client supports it, pushed
 * (`publishDiagnostics`) otherwise, never both (VS Code would show each twice).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, CodeActionResolveRequest, CompletionRequest, DocumentDiagnosticRequest, DocumentSymbolRequest, FoldingRangeRequest,
  HoverRequest, InlayHintRequest, type ProtocolRequestType, type RequestHandler,
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, LSPErrorCodes,
  ResponseError, TextDocuments, TextDocumentSyncKind, ErrorCodes, DiagnosticSeverity, MessageType, ShowMessageNotification,
  type CancellationToken, type Connection, type Diagnostic as LspDiagnostic, type DocumentDiagnosticReport, type InitializeResult, type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PiecewiseTextDocument } from './textDocument';
import { crossYearDiagnostics, fixAllEdits, formatOfPath, type Locale, type ReportModel, type YearFacts } from '../core/index';
import { formatHint, type AnalysisResult } from './analysis';
import { Analyzer, ShutDownError, StaleJobError, type EarlyResult } from './analyzer';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SETTINGS_SECTION } from './constants';
import { toLspDiagnostic } from './convert';
import { JsonList } from './jsonList';
import { codeActions, workspaceEditOf, type FixAllData } from './features/codeActions';
import { completions } from './features/completion';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { documentSymbols } from './features/symbols';
import { t } from './messages';
import {
  CHECK_DOCUMENTS_REQUEST, MODEL_REQUEST, STATUS_NOTIFICATION,
  type CheckDocumentsParams, type CheckDocumentsResult, type ModelParams, type ModelResult, type StatusParams,
} from './protocol';
import { documentDir, filePathOf, localeOf, resolveSettings, type Settings } from './settings';
import { Snapshot } from './snapshot';
import { readConfigText } from '../node/read';
import { Neighbours, REPORT_FILES_GLOB } from './neighbours';
import { now, TRACE_NOTIFICATION, TRACING, type TraceMarks, type TraceParams } from './trace';

export const SERVER_NAME = 'xxgknb';

class Cancelled extends Error {}

/** `slice`: the version's text between two offsets, read without joining the whole text (PiecewiseTextDocument). */
interface DocInfo { uri: string; version: number; languageId: string; text: string; slice?: (from: number, to: number) => string }

/** What a version's diagnostics are made of: the checks' own, and what the checks across years need (neighbours.ts). */
interface Early { items: JsonList<LspDiagnostic>; facts: YearFacts | null; settings: Settings }
/** The diagnostics of a version that is no report (one list: a pull of it again is answered "unchanged"). */
const NONE = JsonList.of<LspDiagnostic>([]);
interface Analysis { version: number; generation: number; snapshot: Promise<Snapshot>; diagnostics: Promise<Early> }

/**
 * Resolves once what the connection is writing now has been written: vscode-jsonrpc's writer starts a write in the
 * check phase after it was asked (a setImmediate), so a response returned now is out after two turns of that phase.
 */
function afterPendingWrites(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

export interface ServerOptions {
  /** The analysis worker script; default: the server bundle next to this one (null: analyse on the main thread). */
  workerFile?: string | null;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (m: string) => connection.console.log(m);
  const analyzer = new Analyzer(options.workerFile === undefined ? Analyzer.defaultWorkerFile() : options.workerFile, log);
  // Each change is applied as TextDocument does (PiecewiseTextDocument: without copying the whole text per
  // keystroke), and its place told to the analyzer, which then sends the analysis worker only the part that changed.
  const documents = new TextDocuments<PiecewiseTextDocument>({
    create(uri, languageId, version, text) {
      // Opened again without being closed (a client's mistake): whatever the worker has of it is of another text.
      analyzer.forget(uri);
      return new PiecewiseTextDocument(uri, languageId, version, text);
    },
    update(doc, changes, version) {
      doc.update(changes, version, (a, b, length) => {
        // A range the library cannot place (it can answer NaN after a change past the last line) counts as all.
        const placed = [a, b].every((o) => Number.isInteger(o) && o >= 0 && o <= length);
        analyzer.edited(doc.uri, placed ? Math.min(a, b) : 0, placed ? Math.max(a, b) : length, length);
      });
      return doc;
    },
  });

  let locale: Locale = 'zh';
  let pull = false;
  let diagnosticRefresh = false;
  let inlayHintRefresh = false;
  let configurationRequests = false;
  let dynamicConfiguration = false;
  let dynamicWatchers = false;
  /** Settings pushed by `workspace/didChangeConfiguration` (or given at initialize), for clients without `workspace/configuration`. */
  let pushedSettings: unknown = undefined;
  /** Bumped on every configuration change: analyses of an older generation are stale. */
  let generation = 0;

  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Map<string, Analysis>();
  /** Push mode: what was last sent for each document with diagnostics shown (its own by identity, those across years as JSON). */
  const lastSent = new Map<string, { own: JsonList<LspDiagnostic>; across: string }>();
  /** The version whose diagnostics were last published, per document (push mode). */
  const published = new Map<string, string>();
  /**
   * Pull mode: the last answer per document. Its resultId names the content (the array of the document's own
   * diagnostics, which the analyzer hands over again when they did not change, and those across years, few, as
   * JSON), not the version, so a version whose diagnostics did not change is answered
   * "unchanged": VS Code then keeps what it shows instead of receiving and redrawing them all again.
   */
  const answered = new Map<string, { items: JsonList<LspDiagnostic>; across: string; resultId: string }>();
  let lastResultId = 0;
  const loggedConfig = new Map<string, string>();
  /** Configuration problems already shown to the user (window/showMessage). */
  const shownProblems = new Set<string>();
  let offerSnippets = true;
  /** The client can leave a code action's edit to be filled in when it is chosen (codeAction/resolve). */
  let resolveEdits = false;
  /** The client takes edits for a version of a document (documentChanges), and refuses them when its text is another. */
  let versionedEdits = false;

  // ------------------------------------------------------------------ lifecycle

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as { locale?: unknown; settings?: Record<string, unknown>; snippets?: unknown };
    // A client that contributes the snippet files itself (the VS Code extension) asks us not to offer them again.
    offerSnippets = init.snippets !== false;
    locale = localeOf(init.locale ?? params.locale);
    pull = !!caps.textDocument?.diagnostic;
    diagnosticRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    inlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    configurationRequests = !!caps.workspace?.configuration;
    resolveEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit');
    versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
    dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    if (init.settings && typeof init.settings === 'object') pushedSettings = (init.settings as Record<string, unknown>)[SETTINGS_SECTION] ?? init.settings;
    log(`xxgknb server: ${pull ? 'pull' : 'push'} diagnostics, locale ${locale}, analysis on the ${analyzer.mode === 'worker' ? 'worker thread' : 'main thread'}`);
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pull ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        documentSymbolProvider: { label: SERVER_NAME },
        foldingRangeProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['、'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: true },
        inlayHintProvider: { resolveProvider: false },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((e) => log(`cannot register for configuration changes: ${String(e)}`));
    // Settings files, and reports (last year's beside this year's: checks across years).
    if (dynamicWatchers) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.xxgknb.json' }, { globPattern: REPORT_FILES_GLOB }] }).catch((e) => log(`cannot watch files: ${String(e)}`));
  });

  // After shutdown, requests are answered InvalidRequest (the specification's word); those in flight too.
  let shutDown = false;
  const shuttingDown = () => new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
  connection.onShutdown(() => { shutDown = true; analyzer.dispose(); });

  // ------------------------------------------------------------------ settings

  /** Settings for a document; `quiet` for documents that are not open (workspace checks): no log line each. */
  function fetchSettings(uri: string, quiet = false): Promise<Settings> {
    return (async () => {
      let raw: unknown = pushedSettings;
      if (configurationRequests) {
        try { raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }); } catch (e) { log(`workspace/configuration failed for ${uri}: ${String(e)}`); }
      }
      const s = resolveSettings(raw, uri, locale, readConfigText);
      const note = `${s.configFile ?? 'no .xxgknb.json'}${s.problems.length ? `; ${s.problems.join('; ')}` : ''}`;
      if (!quiet && loggedConfig.get(uri) !== note) {
        loggedConfig.set(uri, note);
        log(`${uri}: ${s.configFile ? `project configuration ${s.configFile}` : 'no project configuration'}${s.problems.length ? `\n  ${s.problems.join('\n  ')}` : ''}`);
      }
      // Said once per set of problems (every report under one project file shares them), where the user looks.
      if (!quiet && s.problems.length && !shownProblems.has(note)) {
        shownProblems.add(note);
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: t(locale, 'configProblems', { problems: s.problems.join('；') }) }).catch(() => undefined);
      }
      return s;
    })();
  }

  function settingsFor(uri: string): Promise<Settings> {
    let p = settingsCache.get(uri);
    if (!p) {
      p = fetchSettings(uri);
      settingsCache.set(uri, p);
    }
    return p;
  }

  function configurationChanged(): void {
    generation++;
    settingsCache.clear();
    loggedConfig.clear();
    shownProblems.clear();
    if (pull && diagnosticRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    // Re-analyse the open documents: the status bar (and, in push mode, the diagnostics) follow.
    for (const doc of documents.all()) void snapshotOf(doc).catch(() => undefined);
  }

  connection.onDidChangeConfiguration((params) => {
    const settings = (params?.settings ?? null) as Record<string, unknown> | null;
    if (settings && typeof settings === 'object' && SETTINGS_SECTION in settings) pushedSettings = settings[SETTINGS_SECTION];
    configurationChanged();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith('/.xxgknb.json'))) configurationChanged();
    for (const c of params.changes) {
      const file = c.uri.endsWith('/.xxgknb.json') ? null : filePathOf(c.uri);
      if (file !== null) neighbours.fileChanged(file);
    }
  });

  // ------------------------------------------------------------------ checks across years

  /** The facts of each open document's latest analysed version (the folder reading takes them from here). */
  const openFacts = new Map<string, { version: number; facts: YearFacts | null }>();
  /** Records an open document's facts; the folders that hold it hear of it (last year's report edited beside this year's). */
  function setOpenFacts(uri: string, version: number, facts: YearFacts | null): void {
    openFacts.set(uri, { version, facts });
    const file = filePathOf(uri);
    if (file !== null) neighbours.editorChanged(file);
  }
  /** Push mode: the last diagnostics of each document without those across years, to publish again when they change. */
  const lastPushed = new Map<string, { version: number; generation: number } & Early>();
  const neighbours = new Neighbours(
    { readdir: (d) => fs.promises.readdir(d), stat: (f) => fs.promises.stat(f), readFile: (f) => fs.promises.readFile(f) },
    async (file, text) => {
      const r = await analyzer.runInBackground({ text, format: formatOfPath(file), config: {}, forceReport: false, parseOnly: true });
      return r.kind === 'ok' ? r.facts : null;
    },
    (file) => openFacts.get(pathToFileURL(file).href),
    (dir, editorFile) => neighboursChanged(dir, editorFile),
  );

  /**
   * The checks across years for an open document's version (core crossYear.ts), against the reports in its folder
   * as far as they are known now; `stamp` changes when those do.
   */
  function acrossYears(uri: string, facts: YearFacts | null, settings: Settings): { items: LspDiagnostic[]; stamp: string } {
    const folders = foldersOf(uri);
    if (!folders.length) return { items: [], stamp: '0' };
    const known = folders.map((f) => neighbours.known(f));
    const stamp = known.map((k) => k.stamp).join('-');
    if (!facts) return { items: [], stamp };
    // Asked for by the push or pull and by the status of every version: computed once per version's facts and folders.
    const key = `${stamp}|${JSON.stringify(facts)}`;
    const hit = acrossCache.get(uri);
    if (hit && hit.key === key && hit.settings === settings) return hit.result;
    const file = filePathOf(uri);
    if (file === null) return { items: [], stamp };
    const reports = known.flatMap((k) => k.reports).filter((r) => r.id !== file);
    const found = crossYearDiagnostics([...reports, { id: file, facts }], () => settings.config).get(file) ?? [];
    const result = { items: found.map((d) => toLspDiagnostic(d, uri)), stamp };
    acrossCache.set(uri, { key, settings, result });
    return result;
  }
  const acrossCache = new Map<string, { key: string; settings: Settings; result: { items: LspDiagnostic[]; stamp: string } }>();

  /**
   * Where a document's year before may be: its own folder, and when the folder is named by a year (2024, 2024年,
   * 2024年报), the folder beside it named by the year before.
   */
  function foldersOf(uri: string): string[] {
    const dir = documentDir(uri);
    if (!dir) return [];
    const name = path.basename(dir);
    const year = /(?:19|20)\d\d/.exec(name);
    return year ? [dir, path.join(path.dirname(dir), name.replace(year[0], String(Number(year[0]) - 1)))] : [dir];
  }

  /**
   * What a folder holds changed: its open documents' diagnostics are pulled again (pull) or published again (push).
   * When the change is an open document's own new facts, that document is being analysed anyway.
   */
  function neighboursChanged(dir: string, editorFile?: string): void {
    const isChanged = (uri: string) => editorFile !== undefined && filePathOf(uri) === editorFile;
    const inDir = documents.all().filter((d) => foldersOf(d.uri).includes(dir) && !isChanged(d.uri));
    if (!inDir.length) return;
    for (const d of inDir) {
      const a = analyses.get(d.uri);
      if (a && a.version === d.version && a.generation === generation) void a.snapshot.then(sendStatus, () => undefined);
    }
    if (pull) { if (diagnosticRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined); return; }
    for (const d of inDir) {
      const last = lastPushed.get(d.uri);
      if (!last || last.version !== d.version || last.generation !== generation) continue;
      publish(d.uri, d.version, generation, last.items, acrossYears(d.uri, last.facts, last.settings).items);
    }
  }

  // ------------------------------------------------------------------ analysis

  const isCurrent = (uri: string, version: number, gen: number) => documents.get(uri)?.version === version && generation === gen;

  /**
   * `open`: an open document's version (incremental parse; its diagnostics are handed to `open.diagnostics` as soon
   * as the worker has them, before the model, and published at once in push mode); absent for one-off checks.
   */
  async function analyse(doc: DocInfo, settings: Settings, wanted: () => boolean, open?: { generation: number; diagnostics: (d: Early) => void }): Promise<Snapshot> {
    const make = (isReport: boolean, result: AnalysisResult | null, extra: LspDiagnostic[] = []) => {
      const model = result?.kind === 'ok' ? result.model : null;
      const diagnostics = result?.kind === 'ok' && isReport ? result.diagnostics : [];
      const lsp = [...extra, ...diagnostics.map((d) => toLspDiagnostic(d, doc.uri))];
      const s = new Snapshot(doc.uri, doc.version, doc.languageId, doc.text, settings, locale, isReport, model, diagnostics, lsp);
      if (result?.kind === 'ok' && isReport) s.facts = result.facts;
      return s;
    };
    const forceReport = doc.languageId === SERVER_NAME;
    if (!settings.enable || (!forceReport && !settings.detectContent)) return make(false, null);
    // The diagnostics go out as soon as the worker has them; the model (outline, hovers) follows once they are written.
    const early = !open ? undefined : (r: EarlyResult): Promise<unknown> | undefined => {
      if (!wanted()) return undefined;
      const report = forceReport || r.isReport;
      const diagnostics = report ? r.items : NONE;
      const facts = report ? r.facts : null;
      open.diagnostics({ items: diagnostics, facts, settings });
      setOpenFacts(doc.uri, doc.version, facts);
      if (pull) return afterPendingWrites();
      lastPushed.set(doc.uri, { version: doc.version, generation: open.generation, items: diagnostics, facts, settings });
      const sent = publish(doc.uri, doc.version, open.generation, diagnostics, acrossYears(doc.uri, facts, settings).items);
      if (r.trace) void sent.then((wrote) => traced(doc.uri, doc.version, { ...r.trace, published: now() }, !wrote));
      return sent;
    };
    const result = await analyzer.run({ uri: open ? doc.uri : undefined, text: doc.text, format: formatHint(doc.uri, doc.languageId), config: settings.config, forceReport }, wanted, early, doc.slice);
    if (result.kind === 'ok') return make(forceReport || result.model.isReport, result);
    // Not analysed: say so, but only where a report is plausible (never in someone's unrelated Markdown).
    const plausible = forceReport || doc.text.includes('信息公开');
    const message = result.kind === 'huge'
      ? t(locale, 'hugeDocument', { mb: (result.bytes / 1024 / 1024).toFixed(1) })
      : t(locale, 'internalError', { message: result.message.split('\n')[0]! });
    if (result.kind === 'error') log(`analysis of ${doc.uri} failed: ${result.message}`);
    const info: LspDiagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message };
    return make(false, result, plausible ? [info] : []);
  }

  /**
   * The analysis of a document's current version: started once, shared by every request and the push.
   * `diagnostics` settles first (pulled diagnostics need not wait for the model), `snapshot` when the model is here.
   */
  function analysisOf(doc: PiecewiseTextDocument): Analysis {
    const uri = doc.uri, version = doc.version, gen = generation;
    const hit = analyses.get(uri);
    if (hit && hit.version === version && hit.generation === gen) return hit;
    const info: DocInfo = { uri, version, languageId: doc.languageId, text: doc.getText(), slice: doc.sliceOf() };
    // The same open document (closed and reopened, it may start again at the same version number) at this version.
    const current = () => documents.get(uri) === doc && isCurrent(uri, version, gen);
    let early: (d: Early) => void = () => undefined;
    const diagnostics = new Promise<Early>((resolve) => { early = resolve; });
    const snapshot = settingsFor(uri).then((settings) => analyse(info, settings, current, { generation: gen, diagnostics: early }));
    const entry: Analysis = { version, generation: gen, snapshot, diagnostics: snapshot.then((s) => ({ items: JsonList.of(s.lspDiagnostics), facts: s.facts, settings: s.settings })) };
    // Early diagnostics when the worker sent them; otherwise (not a report, failed, too large) the snapshot's.
    entry.diagnostics = Promise.race([diagnostics, entry.diagnostics]);
    // Nobody need ask for them (push mode): a stale version's rejection is no unhandled error.
    entry.diagnostics.catch(() => undefined);
    analyses.set(uri, entry);
    snapshot.then((s) => afterAnalysis(s, gen, current), () => {
      if (analyses.get(uri) === entry) analyses.delete(uri);
    });
    return entry;
  }

  function snapshotOf(doc: PiecewiseTextDocument): Promise<Snapshot> {
    return analysisOf(doc).snapshot;
  }

  /** The status bar's summary of a version: its diagnostics, those across years included. */
  function sendStatus(s: Snapshot): void {
    const all = [...s.lspDiagnostics, ...acrossYears(s.uri, s.facts, s.settings).items];
    const status: StatusParams = {
      uri: s.uri,
      isReport: s.isReport,
      era: s.isReport ? s.era : null,
      errors: all.filter((d) => d.severity === DiagnosticSeverity.Error).length,
      warnings: all.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
    };
    void connection.sendNotification(STATUS_NOTIFICATION, status).catch(() => undefined);
  }

  function afterAnalysis(s: Snapshot, gen: number, current: () => boolean): void {
    if (!current()) return;
    setOpenFacts(s.uri, s.version, s.facts);
    sendStatus(s);
    // Published early unless the analysis then failed (the worker died before sending the model): say so.
    if (!pull && (published.get(s.uri) !== `${s.version}/${gen}` || !s.model)) {
      const items = JsonList.of(s.lspDiagnostics);
      lastPushed.set(s.uri, { version: s.version, generation: gen, items, facts: s.facts, settings: s.settings });
      publish(s.uri, s.version, gen, items, acrossYears(s.uri, s.facts, s.settings).items);
    }
  }

  /**
   * Push mode: sends the diagnostics of a version (and configuration generation) once, the document's own and those
   * across years; an empty list only to clear. (Over stdio the own ones are written as the worker wrote them: jsonList.ts.)
   * Diagnostics the same as those last sent are not sent again: most keystrokes change none, and a client would
   * read, store and redraw them all (545 diagnostics, 180 KB, in a 1 MB document) for nothing. The client keeps what
   * it has, as VS Code does when a pull is answered "unchanged". Resolves to whether anything was written.
   */
  function publish(uri: string, version: number, gen: number, own: JsonList<LspDiagnostic>, across: LspDiagnostic[]): Promise<boolean> {
    published.set(uri, `${version}/${gen}`);
    const empty = own.isEmpty && !across.length;
    const last = lastSent.get(uri);
    if (empty) {
      if (!last) return Promise.resolve(false);
      lastSent.delete(uri);
    } else {
      // The analyzer hands over the very list it gave last when the diagnostics did not change (analyzer.ts).
      const acrossJson = JSON.stringify(across);
      if (last && last.own === own && last.across === acrossJson) return Promise.resolve(false);
      lastSent.set(uri, { own, across: acrossJson });
    }
    return connection.sendDiagnostics({ uri, version, diagnostics: own.followedBy(across) as unknown as LspDiagnostic[] }).then(() => true, () => false);
  }

  /** XXGKNB_TRACE: when each change was applied, and the rest of its way (trace.ts). */
  const changedAt = new Map<string, { version: number; at: number }>();
  function traced(uri: string, version: number, marks: TraceMarks, unchanged: boolean): void {
    const changed = changedAt.get(uri);
    const params: TraceParams = { uri, version, marks: changed?.version === version ? { changed: changed.at, ...marks } : marks, unchanged };
    void connection.sendNotification(TRACE_NOTIFICATION, params).catch(() => undefined);
  }

  documents.onDidChangeContent((e) => {
    if (TRACING) changedAt.set(e.document.uri, { version: e.document.version, at: now() });
    void snapshotOf(e.document).catch(() => undefined);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    analyses.delete(uri);
    changedAt.delete(uri);
    lastPushed.delete(uri);
    answered.delete(uri);
    acrossCache.delete(uri);
    openFacts.delete(uri);
    neighbours.keepOnly(new Set(documents.all().filter((d) => d.uri !== uri).flatMap((d) => foldersOf(d.uri))));
    // Its folder, if still watched for another report, is read again: a report closed without being saved is gone,
    // a saved one counts as it is on disk.
    const file = filePathOf(uri);
    if (file !== null) neighbours.fileChanged(file);
    analyzer.forget(uri);
    published.delete(uri);
    settingsCache.delete(uri);
    loggedConfig.delete(uri);
    if (!pull && lastSent.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    lastSent.delete(uri);
  });

  // ------------------------------------------------------------------ requests

  function untilCancelled<T>(p: Promise<T>, token: CancellationToken | undefined): Promise<T> {
    if (!token) return p;
    if (token.isCancellationRequested) return Promise.reject(new Cancelled());
    return new Promise<T>((resolve, reject) => {
      const sub = token.onCancellationRequested(() => { sub.dispose(); reject(new Cancelled()); });
      p.then((v) => { sub.dispose(); resolve(v); }, (e: unknown) => { sub.dispose(); reject(e); });
    });
  }

  /**
   * Registers a request's handler, which gets only params that are an object or an array (JSON-RPC allows no other):
   * `null` is answered InvalidParams. (Registered through vscode-languageserver's onHover and the like, a handler sits
   * behind the library's progress wrapper, which read `null.workDoneToken` and answered InternalError.)
   */
  function onRequest<P, R, PR, E, RO>(type: ProtocolRequestType<P, R, PR, E, RO>, handler: RequestHandler<P, R, E>): void {
    connection.onRequest(type, (params, token) => {
      if (params === null || typeof params !== 'object') throw new ResponseError(ErrorCodes.InvalidParams, `${type.method}: params must be an object`);
      return handler(params, token);
    });
  }

  function uriOf(params: unknown): string {
    const uri = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is missing');
    return uri;
  }

  function positionOf(params: unknown, key = 'position'): { line: number; character: number } {
    const p = (params as Record<string, { line?: unknown; character?: unknown }> | null)?.[key];
    if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || (p.line as number) < 0 || (p.character as number) < 0) {
      throw new ResponseError(ErrorCodes.InvalidParams, `${key} must be {line, character} with non-negative integers`);
    }
    return { line: p.line as number, character: p.character as number };
  }

  function rangeOf(params: unknown): { start: { line: number; character: number }; end: { line: number; character: number } } {
    const r = (params as { range?: unknown } | null)?.range;
    return { start: positionOf(r, 'start'), end: positionOf(r, 'end') };
  }

  /** The protocol error for a failed request, or null for a real failure (logged; the request answers empty). */
  function protocolError(e: unknown): ResponseError<unknown> | null {
    if (e instanceof ResponseError) return e;
    if (e instanceof ShutDownError) return shuttingDown();
    if (e instanceof Cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    if (e instanceof StaleJobError) return new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
    return null;
  }

  /**
   * Runs a feature on the current analysis of an open document. Unopened documents get `empty`; a cancelled
   * request gets RequestCancelled; a document that changed meanwhile ContentModified; a feature that fails is
   * logged and answers `empty` (a document never breaks the server).
   */
  async function serve<T>(method: string, params: unknown, token: CancellationToken | undefined, empty: T, f: (s: Snapshot) => T | Promise<T>): Promise<T> {
    if (shutDown) throw shuttingDown();
    const uri = uriOf(params);
    const doc = documents.get(uri);
    if (!doc) return empty;
    try {
      const s = await untilCancelled(snapshotOf(doc), token);
      if (token?.isCancellationRequested) throw new Cancelled();
      return await f(s);
    } catch (e) {
      const err = protocolError(e);
      if (err) throw err;
      log(`${method} failed on ${uri}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return empty;
    }
  }

  onRequest(DocumentDiagnosticRequest.type, async (params, token): Promise<DocumentDiagnosticReport> => {
    if (shutDown) throw shuttingDown();
    const uri = uriOf(params);
    const doc = documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    try {
      // The version and generation the analysis belongs to, not those current when it finishes.
      const analysis = analysisOf(doc);
      const { items, facts, settings } = await untilCancelled(analysis.diagnostics, token);
      // The reports beside it (checks across years) are part of the answer: the id changes when they do.
      const across = acrossYears(uri, facts, settings);
      const acrossJson = JSON.stringify(across.items);
      const last = answered.get(uri);
      // A new content gets an id never given before (not one made of the version: a document closed and opened
      // again starts at version 1, and a client holding an id from before must not be told "unchanged").
      const resultId = last && last.items === items && last.across === acrossJson ? last.resultId : String(++lastResultId);
      answered.set(uri, { items, across: acrossJson, resultId });
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: items.followedBy(across.items) as unknown as LspDiagnostic[] };
    } catch (e) {
      if (e instanceof ShutDownError) throw shuttingDown();
      if (e instanceof StaleJobError) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
      if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
      log(`textDocument/diagnostic failed on ${uri}: ${String(e)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  onRequest(DocumentSymbolRequest.type, (params, token) => serve('textDocument/documentSymbol', params, token, [], (s) => documentSymbols(s)));
  onRequest(FoldingRangeRequest.type, (params, token) => serve('textDocument/foldingRange', params, token, [], (s) => foldingRanges(s)));
  onRequest(HoverRequest.type, (params, token) => {
    const p = positionOf(params);
    return serve('textDocument/hover', params, token, null, (s) => hover(s, p));
  });
  onRequest(CompletionRequest.type, (params, token) => {
    const p = positionOf(params);
    return serve('textDocument/completion', params, token, [], (s) => completions(s, p, { snippets: offerSnippets }));
  });
  onRequest(InlayHintRequest.type, (params, token) => {
    const r = rangeOf(params);
    return serve('textDocument/inlayHint', params, token, [], (s) => inlayHints(s, r));
  });
  onRequest(CodeActionRequest.type, (params, token) => {
    const r = rangeOf(params);
    // (A malformed `only`, such as a string, is no filter: every kind is offered, as without one.)
    const given = params.context ?? { diagnostics: [] };
    const context = Array.isArray(given.only) && given.only.every((o) => typeof o === 'string') ? given : { ...given, only: undefined };
    // Fix-all checks the text again after its fixes (up to ten rounds): asked for by kind (on save, the Fix All
    // command) it comes with that edit; in the list every cursor move asks for, it is filled in when chosen if the
    // client can do that, else it is the fixes shown (the rounds would run before the next keystroke's analysis).
    const fixAll = context.only ? 'rounds' : resolveEdits ? 'resolve' : 'firstRound';
    return serve('textDocument/codeAction', params, token, [], (s) => codeActions(s, r, context, { reparse: reparseWith, fixAll, fixAllOf, versioned: versionedEdits }));
  });

  onRequest(CodeActionResolveRequest.type, async (action, token) => {
    const data = action.data as FixAllData | undefined;
    if (action.kind !== FIX_ALL_KIND || !data || typeof data.uri !== 'string' || action.edit) return action;
    // The document as it is now: fix-all is of the text the user has when choosing it.
    const edit = await serve('codeAction/resolve', { textDocument: { uri: data.uri } }, token, null, async (s) => workspaceEditOf(s, await fixAllOf(s), versionedEdits));
    return edit ? { ...action, edit } : action;
  });

  /**
   * The edits of fix-all for a version: the safe fixes in rounds until none is left (computed once per version, by the
   * analyzer), as one list of edits of the version's text. If that cannot be had, the first round's (the fixes shown).
   */
  function fixAllOf(s: Snapshot): Promise<TextEdit[]> {
    return (s.fixAll ??= (async () => {
      const first = fixAllEdits(s.diagnostics);
      if (!first.length) return first;
      const gen = generation;
      // (Without `uri`: the rounds' texts are no versions of the document. From its kept parse, of this text mostly.)
      const r = await analyzer.run({ text: s.text, format: formatHint(s.uri, s.languageId), config: s.settings.config, forceReport: s.languageId === SERVER_NAME, fixAll: true, startFrom: s.uri }, () => isCurrent(s.uri, s.version, gen))
        .catch(() => null);
      if (r?.kind !== 'ok' || !r.fixAll) return first;
      return r.fixAll.map((e) => ({ range: { start: s.lines.positionAt(e.start), end: s.lines.positionAt(e.end) }, newText: e.newText }));
    })());
  }

  /** The model of the document with one edit applied (parsed once per version and edit key; null when it could not be). */
  function reparseWith(s: Snapshot, key: string, edit: { range: LspDiagnostic['range']; newText: string }): Promise<ReportModel | null> {
    let p = s.reparsed.get(key);
    if (!p) {
      const gen = generation;
      const text = TextDocument.applyEdits(TextDocument.create(s.uri, s.languageId, s.version, s.text), [edit]);
      p = analyzer.run({ text, format: formatHint(s.uri, s.languageId), config: s.settings.config, forceReport: false, parseOnly: true }, () => isCurrent(s.uri, s.version, gen))
        .then((r) => (r.kind === 'ok' ? r.model : null))
        .catch(() => null);
      s.reparsed.set(key, p);
    }
    return p;
  }

  connection.onRequest(MODEL_REQUEST, async (params: ModelParams, token): Promise<ModelResult> => {
    const uri = (params as ModelParams | null)?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'uri is missing');
    const doc = documents.get(uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `the document is not open: ${uri}`);
    return serve(MODEL_REQUEST, { textDocument: { uri } }, token, null, (s) => s.model);
  });

  connection.onRequest(CHECK_DOCUMENTS_REQUEST, async (params: CheckDocumentsParams, token): Promise<CheckDocumentsResult> => {
    if (shutDown) throw shuttingDown();
    const list = (params as CheckDocumentsParams | null)?.documents;
    if (!Array.isArray(list)) throw new ResponseError(ErrorCodes.InvalidParams, 'documents must be an array of {uri, text, languageId}');
    const results: CheckDocumentsResult['results'] = [];
    for (const d of list) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
      if (!d || typeof d.uri !== 'string' || typeof d.text !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'each document needs a uri and a text');
      const languageId = typeof d.languageId === 'string' ? d.languageId : 'plaintext';
      try {
        const settings = await fetchSettings(d.uri, true);
        const s = await analyse({ uri: d.uri, version: 0, languageId, text: d.text }, settings, () => !token.isCancellationRequested);
        // The checks across years, against the reports in its folder (read once for the whole batch, as for open ones).
        for (const dir of s.facts ? foldersOf(d.uri) : []) { neighbours.known(dir); await neighbours.settled(dir); }
        const diagnostics = [...s.lspDiagnostics, ...acrossYears(d.uri, s.facts, settings).items];
        results.push({ uri: d.uri, isReport: s.isReport, era: s.isReport ? s.era : null, diagnostics: diagnostics as CheckDocumentsResult['results'][number]['diagnostics'] });
      } catch (e) {
        if (e instanceof ShutDownError) throw shuttingDown();
        if (e instanceof StaleJobError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
        log(`${CHECK_DOCUMENTS_REQUEST} failed on ${d.uri}: ${String(e)}`);
        results.push({ uri: d.uri, isReport: false, era: null, diagnostics: [] });
      }
    }
    return { results };
  });

  documents.listen(connection);
  connection.listen();
}
