/**
 * One analysis of one document version: parse + check. Pure and synchronous; runs in the analysis worker
 * (analyzer.ts), or on the main thread when no worker is available. Never throws.
 */
import { checkParsed, formatOfPath, parseReport, type CheckConfig, type Diagnostic, type ReportModel, type SourceFormat } from '../core/index';
import { HUGE_DOCUMENT_BYTES } from './constants';

export interface AnalysisInput {
  text: string;
  format?: SourceFormat;
  config: CheckConfig;
  /** The document is an annual report whatever its content says (the xxgknb language). */
  forceReport: boolean;
  /** Parse only, no checks (re-reading a rewritten table). */
  parseOnly?: boolean;
}

export type AnalysisResult =
  | { kind: 'ok'; model: ReportModel; diagnostics: Diagnostic[] }
  | { kind: 'huge'; bytes: number }
  | { kind: 'error'; message: string };

/**
 * For tests only: every analysis takes at least this long (XXGKNB_TEST_ANALYSIS_DELAY_MS), so a test can tell
 * whether requests are answered while an analysis runs, however fast the machine.
 */
const TEST_DELAY_MS = Number(process.env.XXGKNB_TEST_ANALYSIS_DELAY_MS ?? 0);

export function analyseText(input: AnalysisInput): AnalysisResult {
  if (TEST_DELAY_MS > 0 && utf8Length(input.text) > 1_000_000) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TEST_DELAY_MS);
  const bytes = utf8Length(input.text);
  if (bytes > HUGE_DOCUMENT_BYTES) return { kind: 'huge', bytes };
  try {
    const parsed = parseReport(input.text, { format: input.format, era: input.config.era });
    // The user said it is a report (language xxgknb): check it as one unless it is still empty.
    if (input.forceReport && input.text.trim() !== '') parsed.model.isReport = true;
    const diagnostics = parsed.model.isReport && !input.parseOnly ? checkParsed(parsed, input.config) : [];
    return { kind: 'ok', model: parsed.model, diagnostics };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

/** UTF-8 length without allocating a buffer (fast enough for megabytes). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** The source format hint from the document's name and language (as the CLI does from the file name). */
export function formatHint(uri: string, languageId: string): SourceFormat | undefined {
  if (languageId === 'html') return 'html';
  if (languageId === 'markdown') return 'markdown';
  return formatOfPath(uri);
}
