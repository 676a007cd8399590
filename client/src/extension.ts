/**
 * The VS Code client: starts the language server (dist/server.js over node-ipc) when a Markdown, plain-text or
 * xxgknb document opens, and adds what only the editor can do: the status bar item, the commands (insert the
 * skeleton or a standard table, check every report in the workspace, show the parsed model) and a diagnostic
 * collection for reports the editor has not opened. Everything else is the server's.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { skeleton2021Snippet, table2Snippet, table3Snippet, table4Snippet, type Snippet } from '../../server/src/core/snippets';
import { DIAGNOSTIC_SOURCE, HUGE_DOCUMENT_BYTES } from '../../server/src/lsp/constants';
import { decodeText, isBinary } from './files';
import {
  CHECK_DOCUMENTS_REQUEST, MODEL_REQUEST, STATUS_NOTIFICATION,
  type CheckDocumentsParams, type CheckDocumentsResult, type ModelResult, type StatusParams,
} from '../../server/src/lsp/protocol';

const LANGUAGES = ['xxgknb', 'markdown', 'plaintext'];
/** How many files go to the server per checkDocuments request. */
const BATCH = 20;

let client: LanguageClient | undefined;

/** What the extension exports: the status bar state, for tests and other extensions. */
export interface XxgknbApi {
  status(): { text: string; tooltip: string; visible: boolean; uri?: string };
}

export async function activate(context: vscode.ExtensionContext): Promise<XxgknbApi> {
  const output = vscode.window.createOutputChannel('xxgknb', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    // The trace (xxgknb.trace.server) and the server's log go to the same channel.
    outputChannel: output,
    // The snippet files are contributed by package.json (for xxgknb and Markdown); the server must not offer them twice.
    initializationOptions: { locale: vscode.env.language, snippets: false },
  };
  client = new LanguageClient('xxgknb', vscode.l10n.t('Annual report checker (xxgknb)'), serverOptions, clientOptions);

  const status = new StatusBar(context);
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('xxgknb-workspace');
  context.subscriptions.push(workspaceDiagnostics);
  // Once a checked file is opened (or shown in a tab again), the server's own diagnostics take over; when they
  // arrive for a file this collection also covers, this collection's entry goes (never both at once).
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => workspaceDiagnostics.delete(doc.uri)),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) if (tab.input instanceof vscode.TabInputText) workspaceDiagnostics.delete(tab.input.uri);
    }),
    // Results computed with other settings are stale.
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('xxgknb')) workspaceDiagnostics.clear(); }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        const own = workspaceDiagnostics.get(uri)?.length ?? 0;
        if (own && vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length > own) workspaceDiagnostics.delete(uri);
      }
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('xxgknb.insertSkeleton', () => insertSkeleton()),
    vscode.commands.registerCommand('xxgknb.insertTable', () => insertTable(status)),
    vscode.commands.registerCommand('xxgknb.checkWorkspace', () => checkWorkspace(workspaceDiagnostics)),
    vscode.commands.registerCommand('xxgknb.showModel', () => showModel()),
  );

  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => status.update(p)));
  await client.start();
  return { status: () => status.state() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

// ------------------------------------------------------------------ status bar

class StatusBar {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, StatusParams>();

  constructor(context: vscode.ExtensionContext) {
    this.item = vscode.window.createStatusBarItem('xxgknb.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Annual report');
    this.item.command = 'workbench.actions.view.problems';
    context.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => { this.byUri.delete(doc.uri.toString()); this.render(); }),
    );
  }

  state(): { text: string; tooltip: string; visible: boolean; uri?: string } {
    return { text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '', visible: this.visible, uri: vscode.window.activeTextEditor?.document.uri.toString() };
  }

  private visible = false;

  /** The status of the active document, if the server has analysed it. */
  active(): StatusParams | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc ? this.byUri.get(doc.uri.toString()) : undefined;
  }

  update(p: StatusParams): void {
    // The server sends URIs in its own spelling; compare through vscode.Uri.
    this.byUri.set(vscode.Uri.parse(p.uri).toString(), p);
    this.render();
  }

  private render(): void {
    const s = this.active();
    if (!s || !s.isReport) { this.item.hide(); this.visible = false; return; }
    const era = s.era ?? '';
    this.item.text = s.errors > 0 ? vscode.l10n.t('Report {0} · ✗{1}', era, s.errors) : vscode.l10n.t('Report {0} · ✓', era);
    this.item.tooltip = vscode.l10n.t('Government information disclosure annual report, {0} format: {1} errors, {2} warnings. Click to open the Problems panel.', era, s.errors, s.warnings);
    this.item.backgroundColor = s.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    this.visible = true;
  }
}

// ------------------------------------------------------------------ commands

async function editorForInsertion(): Promise<vscode.TextEditor> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    // An empty untitled plain-text document becomes a report.
    if (editor.document.isUntitled && editor.document.languageId === 'plaintext' && editor.document.getText().trim() === '') {
      await vscode.languages.setTextDocumentLanguage(editor.document, 'xxgknb');
    }
    return vscode.window.activeTextEditor ?? editor;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'xxgknb', content: '' });
  return vscode.window.showTextDocument(doc);
}

async function insertSkeleton(): Promise<void> {
  const editor = await editorForInsertion();
  await editor.insertSnippet(new vscode.SnippetString(skeleton2021Snippet().body.join('\n')));
}

interface TablePick extends vscode.QuickPickItem { snippet?: Snippet }

async function insertTable(status: StatusBar): Promise<void> {
  const groups: { era: '2021' | '2019'; label: string; snippets: Snippet[] }[] = [
    { era: '2021', label: vscode.l10n.t('2021 format (国办公开办函〔2021〕30号, reports for 2021 onwards)'), snippets: [table2Snippet('2021'), table3Snippet('2021'), table4Snippet()] },
    { era: '2019', label: vscode.l10n.t('2019 format (国办公开办函〔2019〕60号, reports for 2019 and 2020)'), snippets: [table2Snippet('2019'), table3Snippet('2019'), table4Snippet()] },
  ];
  // The era of the active report first.
  if (status.active()?.era === '2019') groups.reverse();
  const items: TablePick[] = groups.flatMap((g) => [
    { label: g.label, kind: vscode.QuickPickItemKind.Separator },
    ...g.snippets.map((s) => ({ label: s.name, detail: s.description, snippet: s })),
  ]);
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Insert which standard table?'), matchOnDetail: true });
  if (!pick?.snippet) return;
  const editor = await editorForInsertion();
  await editor.insertSnippet(new vscode.SnippetString(pick.snippet.body.join('\n')));
}

async function showModel(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !client) { void vscode.window.showWarningMessage(vscode.l10n.t('Open a report first.')); return; }
  let model: ModelResult;
  try {
    model = await client.sendRequest<ModelResult>(MODEL_REQUEST, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
  } catch (e) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No report model for this document: {0}', e instanceof Error ? e.message : String(e)));
    return;
  }
  if (!model) { void vscode.window.showInformationMessage(vscode.l10n.t('This document is not analysed (checking is off, or it is too large).')); return; }
  const json = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(model, null, 2) });
  await vscode.window.showTextDocument(json, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}

function languageOf(uri: vscode.Uri): string {
  const name = uri.path.toLowerCase();
  if (name.endsWith('.xxgknb.md') || name.endsWith('.xxgknb.txt')) return 'xxgknb';
  if (name.endsWith('.md')) return 'markdown';
  return 'plaintext';
}

async function checkWorkspace(collection: vscode.DiagnosticCollection): Promise<void> {
  const c = client;
  if (!c) return;
  const files = await vscode.workspace.findFiles('**/*.{md,txt}', '**/node_modules/**');
  collection.clear();
  // Files whose diagnostics the server already shows: those in an editor tab, and those that have some now. A file
  // still open but whose tab was closed has none (the language client drops pulled diagnostics with the tab).
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : []));
  const shown = vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => d.source === DIAGNOSTIC_SOURCE)).map(([u]) => u.toString());
  const open = new Set([...tabs, ...shown]);
  let reports = 0, errors = 0, warnings = 0, skipped = 0, checked = 0;
  const cancelled = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the reports in the workspace'), cancellable: true }, async (progress, token) => {
    for (let i = 0; i < files.length; i += BATCH) {
      if (token.isCancellationRequested) return true;
      const documents: CheckDocumentsParams['documents'] = [];
      const uris = new Map<string, vscode.Uri>();
      for (const uri of files.slice(i, i + BATCH)) {
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          if (bytes.length > HUGE_DOCUMENT_BYTES || isBinary(bytes)) { skipped++; continue; }
          const key = c.code2ProtocolConverter.asUri(uri);
          uris.set(key, uri);
          documents.push({ uri: key, text: decodeText(bytes), languageId: languageOf(uri) });
        } catch {
          skipped++;
        }
      }
      progress.report({ message: `${Math.min(i + BATCH, files.length)} / ${files.length}`, increment: (100 * BATCH) / Math.max(1, files.length) });
      if (!documents.length) continue;
      const result = await c.sendRequest<CheckDocumentsResult>(CHECK_DOCUMENTS_REQUEST, { documents } satisfies CheckDocumentsParams, token);
      for (const r of result.results) {
        checked++;
        if (!r.isReport) continue;
        reports++;
        errors += r.diagnostics.filter((d) => d.severity === 1).length;
        warnings += r.diagnostics.filter((d) => d.severity === 2).length;
        const uri = uris.get(r.uri) ?? vscode.Uri.parse(r.uri);
        if (open.has(uri.toString())) continue; // the server already reports on these
        collection.set(uri, await c.protocol2CodeConverter.asDiagnostics(r.diagnostics as Parameters<typeof c.protocol2CodeConverter.asDiagnostics>[0]));
      }
    }
    return false;
  }).then((x) => x, (e: unknown) => {
    void vscode.window.showErrorMessage(vscode.l10n.t('Checking the workspace failed: {0}', e instanceof Error ? e.message : String(e)));
    return true;
  });
  if (cancelled) return;
  const summary = vscode.l10n.t('Checked {0} files: {1} annual reports, {2} errors, {3} warnings.', checked, reports, errors, warnings)
    + (skipped ? ' ' + vscode.l10n.t('{0} files skipped (binary, unreadable or over 2 MB).', skipped) : '');
  const show = vscode.l10n.t('Show Problems');
  const choice = await vscode.window.showInformationMessage(summary, show);
  if (choice === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
