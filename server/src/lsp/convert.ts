/** Core → LSP conversions and small range helpers. Core ranges are already LSP positions (UTF-16). */
import { pathToFileURL } from 'node:url';
import type { DiagnosticSeverity, Diagnostic as LspDiagnostic, Position, Range } from 'vscode-languageserver';
import { RULE_BY_CODE, ruleDocUrl, type Diagnostic, type Severity } from '../core/index';
import { DIAGNOSTIC_SOURCE } from './constants';

/**
 * LSP's DiagnosticSeverity values, written out: this module runs in the analysis worker too, which should not
 * initialise vscode-languageserver for four constants.
 */
export const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity] ?? SEVERITY.warning,
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (RULE_BY_CODE.has(d.code)) out.codeDescription = { href: ruleDocUrl(d.code) };
  if (d.related.length) out.relatedInformation = d.related.map((r) => ({ location: { uri: r.file === undefined ? uri : pathToFileURL(r.file).href, range: r.range }, message: r.message }));
  return out;
}

/**
 * The JSON of `diagnostics.map((d) => toLspDiagnostic(d, uri))`, exactly (test/unit/same-diagnostics.test.ts), built
 * faster: after a line break every diagnostic below it moves and all of them are sent again (500 and more in a
 * large document), while what follows each range (severity, code, source, message, link) is the same as before.
 * That part is remembered per severity, code and message. (Ranges are written as the core makes them: whole
 * numbers, `start` before `end`.)
 */
export function lspDiagnosticsJson(diagnostics: readonly Diagnostic[], uri: string): string {
  let out = '[';
  for (let k = 0; k < diagnostics.length; k++) {
    const d = diagnostics[k]!;
    if (k) out += ',';
    const bySeverity = tails[d.severity];
    // (Related information holds ranges and the uri: the rare diagnostics with it are written whole, and so is one
    // whose severity is none of the four, which toLspDiagnostic reads as a warning.)
    if (d.related.length || !bySeverity) { out += JSON.stringify(toLspDiagnostic(d, uri)); continue; }
    let byMessage = bySeverity.get(d.code);
    if (!byMessage) bySeverity.set(d.code, (byMessage = new Map()));
    let tail = byMessage.get(d.message);
    if (tail === undefined) {
      const whole = JSON.stringify(toLspDiagnostic(d, uri));
      tail = whole.slice(whole.indexOf(',"severity":'));
      // Bounded: messages quote the text (headings, numbers), and a long session writes many.
      if (byMessage.size >= 2000) byMessage.clear();
      byMessage.set(d.message, tail);
    }
    const r = d.range;
    out += `{"range":{"start":{"line":${r.start.line},"character":${r.start.character}},"end":{"line":${r.end.line},"character":${r.end.character}}}${tail}`;
  }
  return out + ']';
}
/** What follows the range in a diagnostic's JSON, by severity, code and message. */
const tails: Partial<Record<string, Map<string, Map<string, string>>>> = Object.assign(Object.create(null) as object, {
  error: new Map(), warning: new Map(), info: new Map(), hint: new Map(),
});

/**
 * Whether two lists of diagnostics give the same LSP diagnostics (toLspDiagnostic reads only these fields), compared
 * without building them: most keystrokes change no diagnostic, and building and encoding 500 of them costs more.
 */
export function sameLspDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range) || x.related.length !== y.related.length) return false;
    for (let k = 0; k < x.related.length; k++) {
      const r = x.related[k]!, s = y.related[k]!;
      if (r.file !== s.file || r.message !== s.message || !sameRange(r.range, s.range)) return false;
    }
  }
  return true;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Position inside a range, ends included (a cursor right after a number is still on it). */
export function contains(r: Range, p: Position): boolean {
  return comparePos(r.start, p) <= 0 && comparePos(p, r.end) <= 0;
}

export function intersects(a: Range, b: Range): boolean {
  return comparePos(a.start, b.end) <= 0 && comparePos(b.start, a.end) <= 0;
}

/** The last line a range covers with content: a range ending at character 0 ends on the line before. */
export function lastLine(r: Range): number {
  return r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
}
