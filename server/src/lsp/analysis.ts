/**
 * One analysis of one document version: parse + check. Synchronous; runs in the analysis worker (analyzer.ts),
 * or on the main thread when no worker is available. Never throws.
 * An `AnalysisSession` keeps the last parse of each open document, so the next version of it is parsed
 * incrementally (core parseReport's `previous`: only the edited lines are read again; same result).
 */
import { isMainThread } from 'node:worker_threads';
import { checkParsed, fixRepeatedly, formatOfPath, parseReport, yearFacts, type CheckConfig, type Diagnostic, type OffsetEdit, type ParsedReport, type ReportModel, type SourceFormat, type YearFacts } from '../core/index';

export interface AnalysisInput {
  /** The open document this version belongs to: its previous parse is reused. Absent for one-off parses. */
  uri?: string;
  text: string;
  format?: SourceFormat;
  config: CheckConfig;
  /** The document is an annual report whatever its content says (the xxgknb language). */
  forceReport: boolean;
  /** Parse only, no checks (re-reading a rewritten table). */
  parseOnly?: boolean;
  /**
   * Fix-all: the safe fixes made in rounds until none is left (core fixRepeatedly); the result's `fixAll` holds the
   * edits of the text given, and its model and diagnostics are those of the fixed text.
   */
  fixAll?: boolean;
  /**
   * An open document whose kept parse a one-off analysis starts from (read, never replaced): fix-all's text is most
   * often the version just analysed, whose parse is then taken over, not made again.
   */
  startFrom?: string;
}

export type AnalysisResult =
  /** `facts`: what the checks across years need of it (null when it is no report or names no body or year). */
  | { kind: 'ok'; model: ReportModel; diagnostics: Diagnostic[]; facts: YearFacts | null; fixAll?: OffsetEdit[] }
  | { kind: 'huge'; bytes: number }
  | { kind: 'error'; message: string };

/**
 * For tests only: every analysis of a document over 1 MB takes at least this long (XXGKNB_TEST_ANALYSIS_DELAY_MS),
 * so a test can tell whether requests are answered while an analysis runs, however fast the machine.
 */
const TEST_DELAY_MS = Number(process.env.XXGKNB_TEST_ANALYSIS_DELAY_MS ?? 0);
/** For tests only: the analysis worker dies on a text containing this (XXGKNB_TEST_WORKER_EXIT_ON), as if out of memory. */
const TEST_EXIT_ON = process.env.XXGKNB_TEST_WORKER_EXIT_ON;

/** The previous parse of each open document, for incremental parsing of its next version. */
export class AnalysisSession {
  private readonly previous = new Map<string, ParsedReport>();

  analyse(input: AnalysisInput): AnalysisResult {
    if (input.fixAll) return fixAllWith(input, input.startFrom ? this.previous.get(input.startFrom) : undefined);
    const previous = input.uri ? this.previous.get(input.uri) : undefined;
    const { result, parsed } = analyseWith(input, previous);
    if (input.uri) {
      if (parsed) this.previous.set(input.uri, parsed);
      else this.previous.delete(input.uri);
    }
    return result;
  }

  /** The text of the document's last analysed version (what the next version's change applies to), if kept. */
  textOf(uri: string): string | undefined { return this.previous.get(uri)?.source; }

  /** The document was closed: drop what was kept for it. */
  forget(uri: string): void { this.previous.delete(uri); }
}

function analyseWith(input: AnalysisInput, previous: ParsedReport | undefined): { result: AnalysisResult; parsed: ParsedReport | null } {
  // (Documents over the size limit never get here: the analyzer's queue answers them.)
  if (TEST_DELAY_MS > 0 && utf8Length(input.text) > 1_000_000) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TEST_DELAY_MS);
  if (TEST_EXIT_ON && !isMainThread && input.text.includes(TEST_EXIT_ON)) process.exit(70);
  try {
    const parsed = parseReport(input.text, { format: input.format, era: input.config.era }, previous);
    // The user said it is a report (language xxgknb): check it as one unless it is still empty.
    // (A search, not trim(): trimming a megabyte that ends in a blank line copies it at every keystroke.)
    if (input.forceReport && /\S/.test(input.text)) parsed.model.isReport = true;
    const diagnostics = parsed.model.isReport && !input.parseOnly ? checkParsed(parsed, input.config) : [];
    const facts = parsed.model.isReport ? yearFacts(parsed, input.config) : null;
    return { result: { kind: 'ok', model: parsed.model, diagnostics, facts }, parsed };
  } catch (e) {
    return { result: errorResult(e), parsed: null };
  }
}

/**
 * Fix-all of a one-off text, from `start` (a parse of a version of the document, read only; the parse of the same text
 * costs next to nothing from it). The document's kept parse is not replaced: the fixed texts are no version of it.
 */
function fixAllWith(input: AnalysisInput, start: ParsedReport | undefined): AnalysisResult {
  type Checked = { result: AnalysisResult & { kind: 'ok' }; parsed: ParsedReport; lines: ParsedReport['lines']; diagnostics: Diagnostic[] };
  const check = (text: string, previous: ParsedReport | undefined): Checked | AnalysisResult => {
    const { result, parsed } = analyseWith({ ...input, text, fixAll: false, parseOnly: false }, previous);
    return result.kind === 'ok' && parsed ? { result, parsed, lines: parsed.lines, diagnostics: result.diagnostics } : result;
  };
  const first = check(input.text, start);
  if (!('parsed' in first)) return first;
  try {
    const done = fixRepeatedly(input.text, first, (text, last) => {
      const next = check(text, last.parsed);
      // (A round whose text cannot be analysed, never seen, ends the rounds: its fixes are made, none after them.)
      return 'parsed' in next ? next : { ...last, diagnostics: [] };
    });
    return { ...done.last.result, fixAll: done.edits };
  } catch (e) {
    return errorResult(e);
  }
}

function errorResult(e: unknown): AnalysisResult {
  return { kind: 'error', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
}

/** UTF-8 length without allocating a buffer (a lone surrogate counts as the 3 bytes of U+FFFD, as in a file). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The source format hint from the document's name and language (as the CLI does from the file name). */
export function formatHint(uri: string, languageId: string): SourceFormat | undefined {
  if (languageId === 'html') return 'html';
  if (languageId === 'markdown') return 'markdown';
  return formatOfPath(uri);
}
