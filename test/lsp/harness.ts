/**
 * A real LSP client for the tests: starts the BUILT server (`node dist/server.js --stdio`) and talks JSON-RPC
 * over its stdio with vscode-languageserver-protocol, like an editor does. Rebuilds dist/ first when it is
 * older than the sources (scripts/test.mjs builds before the suites anyway).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, ExitNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  type CancellationTokenSource, type ClientCapabilities, type Diagnostic, type InitializeResult, type MessageConnection, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

export function corpusFile(rel: string): { uri: string; text: string; file: string } {
  const file = path.join(CORPUS, rel);
  return { file, uri: pathToUri(file), text: fs.readFileSync(file, 'utf8') };
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

// ------------------------------------------------------------------ build

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!fs.existsSync(SERVER)) return true;
  const built = fs.statSync(SERVER).mtimeMs;
  return newestMtime(path.join(ROOT, 'server', 'src')) > built || fs.statSync(path.join(ROOT, 'scripts', 'build.mjs')).mtimeMs > built;
}

/** Builds dist/ when it is missing or older than server/src; one build at a time across test processes. */
export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = path.join(ROOT, 'node_modules', '.xxgknb-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try { fs.mkdirSync(lock); break; } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 200)']);
    }
  }
  try {
    if (!isStale()) return;
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ client

export interface Notification { method: string; params: unknown }

export interface StartOptions {
  /** Advertise pull diagnostics (textDocument.diagnostic) like VS Code; otherwise the server must push. */
  pull: boolean;
  locale?: string;
  initializationOptions?: unknown;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** The `xxgknb` section answered to workspace/configuration, per document URI ('*' for every document). */
  settings?: Record<string, unknown>;
  /** Advertise workspace/configuration (default true). */
  configuration?: boolean;
  /** Advertise that a code action's edit may be left for codeAction/resolve, and versioned edits (as VS Code does). */
  resolveCodeActions?: boolean;
}

export interface Client {
  conn: MessageConnection;
  proc: ChildProcessWithoutNullStreams;
  init: InitializeResult;
  notifications: Notification[];
  /** Server → client requests seen (method names), e.g. workspace/diagnostic/refresh. */
  serverRequests: string[];
  settings: Record<string, unknown>;
  stderr: () => string;
  open(uri: string, text: string, languageId?: string): Promise<void>;
  change(uri: string, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): Promise<void>;
  close(uri: string): Promise<void>;
  request<R>(method: string, params: unknown, token?: CancellationTokenSource): Promise<R>;
  /** Pulled diagnostics (pull clients). */
  pullDiagnostics(uri: string): Promise<Diagnostic[]>;
  /** Waits for a notification matching `pred` that arrives after index `from` (default: any so far). */
  waitFor<P>(method: string, pred?: (p: P) => boolean, opts?: { timeout?: number; from?: number }): Promise<P>;
  /** The current text of an open document (as the client holds it). */
  text(uri: string): string;
  stop(): Promise<void>;
}

export function capabilities(pull: boolean, configuration = true, resolveCodeActions = false): ClientCapabilities {
  return {
    general: { positionEncodings: ['utf-16'] },
    workspace: {
      configuration,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: false,
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
      inlayHint: { refreshSupport: true },
      ...(resolveCodeActions ? { workspaceEdit: { documentChanges: true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      hover: { contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      foldingRange: { lineFoldingOnly: true },
      completion: { completionItem: { snippetSupport: true } },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } }, isPreferredSupport: true,
        ...(resolveCodeActions ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
      },
      inlayHint: {},
    },
  };
}

export async function startClient(opts: StartOptions): Promise<Client> {
  ensureBuilt();
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ...(opts.env ?? {}) } });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const notifications: Notification[] = [];
  const serverRequests: string[] = [];
  const waiters: (() => void)[] = [];
  const settings: Record<string, unknown> = { ...(opts.settings ?? {}) };
  const docs = new Map<string, TextDocument>();

  conn.onNotification((method: string, params: unknown) => {
    notifications.push({ method, params });
    for (const w of [...waiters]) w();
  });
  conn.onRequest((method: string, params: unknown) => {
    serverRequests.push(method);
    for (const w of [...waiters]) w();
    if (method === 'workspace/configuration') {
      const items = (params as { items: { scopeUri?: string; section?: string }[] }).items;
      return items.map((i) => (i.scopeUri && i.scopeUri in settings ? settings[i.scopeUri] : settings['*']) ?? null);
    }
    return null;
  });
  conn.listen();

  const init = await conn.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: opts.locale ?? 'zh-cn',
    capabilities: capabilities(opts.pull, opts.configuration ?? true, opts.resolveCodeActions ?? false),
    initializationOptions: opts.initializationOptions,
    workspaceFolders: null,
  });
  await conn.sendNotification('initialized', {});

  const client: Client = {
    conn, proc, init, notifications, serverRequests, settings,
    stderr: () => stderr,
    async open(uri, text, languageId = 'plaintext') {
      docs.set(uri, TextDocument.create(uri, languageId, 1, text));
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    async change(uri, changes) {
      const doc = docs.get(uri);
      if (!doc) throw new Error(`not open: ${uri}`);
      const version = doc.version + 1;
      TextDocument.update(doc, changes as Parameters<typeof TextDocument.update>[1], version);
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    },
    async close(uri) {
      docs.delete(uri);
      await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    request<R>(method: string, params: unknown, token?: CancellationTokenSource) {
      return token ? conn.sendRequest<R>(method, params, token.token) : conn.sendRequest<R>(method, params);
    },
    async pullDiagnostics(uri) {
      const r = await conn.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      if (r.kind !== 'full') throw new Error(`expected a full report, got ${r.kind}`);
      return r.items;
    },
    waitFor<P>(method: string, pred: (p: P) => boolean = () => true, o: { timeout?: number; from?: number } = {}) {
      const from = o.from ?? 0;
      return new Promise<P>((resolve, reject) => {
        const check = () => {
          const hit = notifications.slice(from).find((n) => n.method === method && pred(n.params as P));
          if (hit) { waiters.splice(waiters.indexOf(check), 1); clearTimeout(timer); resolve(hit.params as P); return true; }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`timed out waiting for ${method}; got: ${notifications.slice(from).map((n) => n.method).join(', ')}\nstderr: ${stderr}`));
        }, o.timeout ?? 10_000);
        waiters.push(check);
        check();
      });
    },
    text(uri) {
      const d = docs.get(uri);
      if (!d) throw new Error(`not open: ${uri}`);
      return d.getText();
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest(ShutdownRequest.method), sleep(2000)]);
        await conn.sendNotification(ExitNotification.method);
      } catch { /* already gone */ }
      const exited = new Promise<void>((resolve) => { if (proc.exitCode !== null) resolve(); else proc.once('exit', () => resolve()); });
      await Promise.race([exited, sleep(3000)]);
      if (proc.exitCode === null) proc.kill();
      conn.dispose();
    },
  };
  return client;
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown content). */
export function msg(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Applies a WorkspaceEdit's edits for one document to a text, as an editor would. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = [...(edit?.changes?.[uri] ?? [])];
  for (const dc of edit?.documentChanges ?? []) if ('textDocument' in dc && dc.textDocument.uri === uri) edits.push(...dc.edits.filter((e): e is TextEdit => 'range' in e));
  return TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, text), edits);
}

/** Opens `text` as a new version of the document (full replacement) and returns the pulled diagnostics. */
export async function replaceAndPull(c: Client, uri: string, text: string): Promise<Diagnostic[]> {
  await c.change(uri, [{ text }]);
  return c.pullDiagnostics(uri);
}

/**
 * Push mode: the diagnostics a client shows for a document once the server has dealt with `version`, i.e. those it
 * last published (a version whose diagnostics did not change is not published again). The server must run with
 * XXGKNB_TRACE=1: its `xxgknb/trace` of the version says it is done, and comes after the version's publish if any.
 * `from`: only notifications after this index count (a document reopened under the same URI).
 */
export async function shownAfter(c: Client, uri: string, version: number, from = 0): Promise<Diagnostic[]> {
  await c.waitFor<{ uri: string; version: number }>('xxgknb/trace', (t) => t.uri === uri && t.version === version, { from, timeout: 20_000 });
  const pushes = c.notifications.slice(from).filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri);
  const last = pushes[pushes.length - 1]?.params as { version?: number; diagnostics: Diagnostic[] } | undefined;
  assert.ok(!last || (last.version ?? 0) <= version, `diagnostics of version ${last?.version} published before version ${version} was done`);
  return last?.diagnostics ?? [];
}

let counter = 0;
/** A unique untitled URI (no project configuration is looked up for it). */
export function untitled(name = 'doc'): string {
  return `untitled:${name}-${process.pid}-${++counter}`;
}
