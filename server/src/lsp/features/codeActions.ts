/**
 * Code actions: the core's fixes as quick fixes; `source.fixAll.xxgknb` (every safe fix, never two that
 * overlap); rewriting a non-Markdown standard table as a pipe table (refactor.rewrite, offered only when the
 * rewritten text reads back the same values); inserting a missing standard table for `table-missing` (offered
 * only when the text with the table inserted reads it as that table, and the rest as before). Both are checked by
 * parsing the edited text again, once per version.
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic as LspDiagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { fixAllEdits, type Diagnostic, type ItemId, type ReportModel, type Section, type TableKind } from '../../core/index';
import { TABLE_TITLES, type TableEra } from '../../core/schema/tables';
import { expandSnippet, table2Lines, table3Lines, table4Lines } from '../../core/snippets';
import { lineBreakOf } from '../../core/text/lineIndex';
import { FIX_ALL_KIND } from '../constants';
import { intersects } from '../convert';
import { t, tableShort } from '../messages';
import type { Snapshot } from '../snapshot';
import { convertible, sameCells, tableEdit, tableToMarkdown } from './tableMarkdown';

/**
 * `reparse(s, key, edit)`: the model of the document with `edit` applied (null when it could not be parsed), kept
 * under `key` for this version. Edits that add or rewrite a table are offered only when the result reads as meant.
 */
export type Reparse = (s: Snapshot, key: string, edit: TextEdit) => Promise<ReportModel | null>;

/** What a fix-all action left to be resolved carries (its edit is made when it is chosen: codeAction/resolve). */
export interface FixAllData { uri: string }

/**
 * How fix-all comes: `rounds`, with its edit made in rounds until no safe fix is left (`fixAllOf`: asked for by kind,
 * on save or by the Fix All command); `resolve`, its edit left for codeAction/resolve (in the list asked for at every
 * cursor move, when the client can fill it in when chosen); `firstRound`, the safe fixes shown, no check again (that
 * list, for a client that cannot: the rounds would run at every cursor move, before the next keystroke's analysis).
 */
export interface CodeActionHelpers {
  reparse: Reparse;
  fixAll: 'rounds' | 'resolve' | 'firstRound';
  fixAllOf: (s: Snapshot) => Promise<TextEdit[]>;
  /** The client applies an edit only to the version it was made for (documentChanges). */
  versioned: boolean;
}

export async function codeActions(s: Snapshot, range: Range, context: CodeActionContext, helpers: CodeActionHelpers): Promise<CodeAction[]> {
  const { reparse } = helpers;
  const workspaceEdit = (snapshot: Snapshot, edits: TextEdit[]) => workspaceEditOf(snapshot, edits, helpers.versioned);
  if (!s.isReport || !s.model) return [];
  const wants = (kind: string) => !context.only || context.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const out: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const [k, d] of s.diagnostics.entries()) {
      if (!intersects(d.range, range)) continue;
      const lsp = s.lspDiagnostics[k]!;
      for (const fix of d.fixes) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          isPreferred: fix.safe,
          edit: workspaceEdit(s, fix.edits),
        });
      }
      if (d.code === 'table-missing') {
        const insert = await insertTableAction(s, d, lsp, reparse, helpers.versioned);
        if (insert) out.push(insert);
      }
    }
  }

  if (wants(CodeActionKind.RefactorRewrite) && s.model.format !== 'html') {
    for (const [k, table] of s.model.tables.entries()) {
      if (!intersects(table.range, range) || !convertible(table)) continue;
      const edit = tableEdit(table, s.text, tableToMarkdown(table, tableEra(s)));
      // (The headings too: in a one-line crawl the text after the table, with the next headings, moves to a line of its own.)
      if (!edit) continue;
      const after = await reparse(s, `rewrite:${k}`, edit);
      if (!readsTheSame(s.model, after) || headingsOf(s.model) !== headingsOf(after)) continue;
      out.push({
        title: t(s.locale, 'convertTable', { table: tableShort(table.kind, s.locale) }),
        kind: CodeActionKind.RefactorRewrite,
        edit: workspaceEdit(s, [edit]),
      });
    }
  }

  // (Offered when a safe fix is shown: the rounds after the first only add to it.)
  const shown = wants(FIX_ALL_KIND) ? fixAllEdits(s.diagnostics) : [];
  if (shown.length) {
    const action: CodeAction = { title: t(s.locale, 'fixAll'), kind: FIX_ALL_KIND };
    if (helpers.fixAll === 'resolve') action.data = { uri: s.uri } satisfies FixAllData;
    else action.edit = workspaceEdit(s, helpers.fixAll === 'rounds' ? await helpers.fixAllOf(s) : shown);
    out.push(action);
  }
  return out;
}

const HOME: Record<TableKind, ItemId> = { T2: 'active', T3: 'application', T4: 'review' };

/** Every table reads the same values after the edit, and `added` tables came (none went). */
function readsTheSame(before: ReportModel, after: ReportModel | null, added = 0): after is ReportModel {
  return !!after && after.tables.length === before.tables.length + added
    && before.tables.every((tb) => sameCells(tb, after.tables.find((x) => x.kind === tb.kind)));
}

/**
 * The inserted table is read as the table of its kind, the other tables read the same and the section headings
 * are the same: where the report's own wording or order would make the parser read it otherwise, nothing is offered.
 */
function insertedAsMeant(before: ReportModel, after: ReportModel | null, kind: TableKind): boolean {
  return readsTheSame(before, after, 1) && after.tables.some((tb) => tb.kind === kind) && headingsOf(before) === headingsOf(after);
}

/** The section headings, nested, as one string to compare. */
function headingsOf(m: ReportModel): string {
  return m.sections.flatMap(function walk(sec): string[] { return [sec.title, ...sec.children.flatMap(walk)]; }).join('\n');
}

async function insertTableAction(s: Snapshot, d: Diagnostic, lsp: LspDiagnostic, reparse: Reparse, versioned: boolean): Promise<CodeAction | null> {
  const model = s.model!;
  // A pipe table in an HTML page would show as text; there the table is for the page's editor to add.
  if (model.format === 'html') return null;
  const kind = (['T2', 'T3', 'T4'] as TableKind[]).find((k) => d.message.includes(TABLE_TITLES[k]) && !model.tables.some((tb) => tb.kind === k));
  if (!kind) return null;
  const section = homeSection(model.sections, HOME[kind]);
  if (!section) return null;
  const era = tableEra(s);
  const lines = expandSnippet(kind === 'T2' ? table2Lines(era) : kind === 'T3' ? table3Lines(era) : table4Lines());
  // After the section's last text: its range may end inside the `## ` marks of the next Markdown heading.
  const at = s.contentEnd(section.range);
  const eol = lineBreakOf(s.text);
  const edit: TextEdit = { range: { start: at, end: at }, newText: `${eol}${eol}${lines.join(eol)}` };
  if (!insertedAsMeant(model, await reparse(s, `insert:${kind}`, edit), kind)) return null;
  return {
    title: t(s.locale, 'insertTable', { table: tableShort(kind, s.locale), title: TABLE_TITLES[kind] }),
    kind: CodeActionKind.QuickFix,
    diagnostics: [lsp],
    isPreferred: true,
    edit: workspaceEditOf(s, [edit], versioned),
  };
}

function homeSection(sections: Section[], item: ItemId): Section | null {
  return sections.find((sec) => sec.item === item) ?? sections.find((sec) => sec.items.some((i) => i.id === item)) ?? null;
}

function tableEra(s: Snapshot): TableEra {
  return s.era === '2019' ? '2019' : '2021';
}

/**
 * The edits of one version. `versioned` (the client supports documentChanges): they carry the version, and a client
 * whose text has moved on since (a keystroke while fix-all's rounds ran) refuses them instead of applying them to
 * other lines.
 */
export function workspaceEditOf(s: Snapshot, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  return versioned ? { documentChanges: [{ textDocument: { uri: s.uri, version: s.version }, edits }] } : { changes: { [s.uri]: edits } };
}
