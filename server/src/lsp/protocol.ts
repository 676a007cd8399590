/**
 * The custom part of the protocol between the xxgknb client and server. Plain method names and data shapes,
 * no imports from the LSP libraries, so the VS Code client can share it without bundling server code.
 */
import type { Era, ReportModel } from '../core/model';

/** `xxgknb/model` request: the parsed report model of an open document. */
export const MODEL_REQUEST = 'xxgknb/model';
export interface ModelParams { uri: string }
/** The model, or null when the document is open but not analysed (disabled, or too large). */
export type ModelResult = ReportModel | null;

/** `xxgknb/status` notification (server → client), sent after each analysis of an open document. */
export const STATUS_NOTIFICATION = 'xxgknb/status';
export interface StatusParams {
  uri: string;
  /** Whether the server treats the document as an annual report (content, or the xxgknb language). */
  isReport: boolean;
  era: Era | null;
  errors: number;
  warnings: number;
}

/** `xxgknb/checkDocuments` request: checks documents the editor has not opened ("check all reports"). */
export const CHECK_DOCUMENTS_REQUEST = 'xxgknb/checkDocuments';
export interface CheckDocumentsParams { documents: { uri: string; text: string; languageId: string }[] }
/** Diagnostics are LSP diagnostics (the same as the server publishes for open documents). */
export interface CheckDocumentsResult {
  results: { uri: string; isReport: boolean; era: Era | null; diagnostics: LspDiagnosticLike[] }[];
}

/** The subset of an LSP Diagnostic the client needs to know about without importing the protocol types. */
export interface LspDiagnosticLike {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: 1 | 2 | 3 | 4;
  code?: string | number;
  message: string;
  source?: string;
}
