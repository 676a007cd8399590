/** One analysed version of one document: everything the features read, computed once and shared. */
import type { Diagnostic as LspDiagnostic, Position, Range, TextEdit } from 'vscode-languageserver';
import { evaluateRelations, LineIndex, type Diagnostic, type Era, type Locale, type RelationResult, type ReportModel, type YearFacts } from '../core/index';
import type { Settings } from './settings';

export class Snapshot {
  private _relations: RelationResult[] | null = null;
  /** What the checks across years need of this version (null when it is no report, or names no body or year). */
  facts: YearFacts | null = null;
  private _lines: LineIndex | null = null;
  /** The model after a code action's edit, by the action's key (computed on demand, once per version). */
  readonly reparsed = new Map<string, Promise<ReportModel | null>>();
  /** Fix-all's edits of this version (every round: computed when first asked for). */
  fixAll: Promise<TextEdit[]> | null = null;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly languageId: string,
    readonly text: string,
    readonly settings: Settings,
    readonly locale: Locale,
    /** Whether the features serve this document (a report by content, or the xxgknb language). */
    readonly isReport: boolean,
    readonly model: ReportModel | null,
    readonly diagnostics: Diagnostic[],
    readonly lspDiagnostics: LspDiagnostic[],
  ) {}

  get lines(): LineIndex { return (this._lines ??= new LineIndex(this.text)); }

  /**
   * Where the text of a core range ends. A section (and a table region) runs on to the next heading, and before
   * a Markdown heading that includes its `## ` marks: such a range ends after its last text instead, so that
   * folding it does not hide the next heading and text inserted at its end does not land inside the marks.
   */
  contentEnd(r: Range): Position {
    const lines = this.lines;
    const start = lines.offsetAt(r.start);
    let end = lines.offsetAt(r.end);
    const lineStart = lines.lineStarts[r.end.line] ?? end;
    if (lineStart > start && /^[\s#]*$/.test(this.text.slice(lineStart, end))) end = lineStart;
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return lines.positionAt(end);
  }

  /** Every arithmetic relation of the standard tables, evaluated on this model's cells. */
  get relations(): RelationResult[] { return (this._relations ??= this.model ? evaluateRelations(this.model.tables) : []); }

  /** The format era the features follow: configured, else detected (the parse falls back to the current format). */
  get era(): Era {
    const configured = this.settings.config.era;
    if (configured && configured !== 'auto') return configured;
    return this.model?.meta.era ?? '2021';
  }

  /** The model, but only when the document is served (a report): features use this. */
  get report(): ReportModel | null { return this.isReport ? this.model : null; }
}
