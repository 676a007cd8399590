/** Core → LSP conversions and small range helpers. Core ranges are already LSP positions (UTF-16). */
import { Buffer } from 'node:buffer';
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
 * The UTF-8 bytes of the JSON of `diagnostics.map((d) => toLspDiagnostic(d, uri))`, exactly
 * (test/unit/same-diagnostics.test.ts), written straight into bytes: after a line break every diagnostic below it
 * moves and all of them are sent again (500 and more in a large document), while what follows each range (severity,
 * code, source, message, link) is the same as before. That part is remembered per severity, code and message, as
 * bytes; the ranges' numbers are written as ASCII digits. (Building the JSON as a string and then encoding it cost
 * ≈ 0.4 ms at 1 MB, nearly all of it the encoding of a string of 150,000 characters: docs/performance.md.)
 * In memory of its own, all of it theirs, not zero-filled (every byte is written): the worker transfers it to the main
 * thread, and a small Buffer from Node's shared pool would take the pool from everyone else.
 */
export function lspDiagnosticsUtf8(diagnostics: readonly Diagnostic[], uri: string): Uint8Array {
  const n = diagnostics.length;
  const tailOf: Uint8Array[] = new Array<Uint8Array>(n);
  /** 1 where the diagnostic is written whole (no range of ours before it). */
  const whole = new Uint8Array(n);
  let size = 2; // exactly (brackets, commas between): the bytes are all transferred
  for (let k = 0; k < n; k++) {
    const d = diagnostics[k]!;
    const bySeverity = tails[d.severity];
    // (Related information holds ranges and the uri: the rare diagnostics with it are written whole, and so is one
    // whose severity is none of the four, which toLspDiagnostic reads as a warning. A whole one has no range here.)
    if (d.related.length || !bySeverity) {
      const json = utf8.encode(JSON.stringify(toLspDiagnostic(d, uri)));
      whole[k] = 1;
      tailOf[k] = json;
      size += json.length + (k ? 1 : 0);
      continue;
    }
    let byMessage = bySeverity.get(d.code);
    if (!byMessage) bySeverity.set(d.code, (byMessage = new Map()));
    let tail = byMessage.get(d.message);
    if (tail === undefined) {
      const whole = JSON.stringify(toLspDiagnostic(d, uri));
      tail = utf8.encode(whole.slice(whole.indexOf(',"severity":')));
      // Bounded: messages quote the text (headings, numbers), and a long session writes many.
      if (byMessage.size >= 2000) byMessage.clear();
      byMessage.set(d.message, tail);
    }
    tailOf[k] = tail;
    const r = d.range;
    size += RANGE_BYTES + numberBytes(r.start.line) + numberBytes(r.start.character) + numberBytes(r.end.line) + numberBytes(r.end.character) + tail.length + (k ? 1 : 0);
  }
  const out = Buffer.allocUnsafeSlow(size);
  let at = 0;
  out[at++] = 0x5b; // [
  for (let k = 0; k < n; k++) {
    if (k) out[at++] = 0x2c; // ,
    if (!whole[k]) {
      const r = diagnostics[k]!.range;
      out.set(RANGE_OPEN, at); at += RANGE_OPEN.length;
      at = writeNumber(out, at, r.start.line);
      out.set(CHARACTER, at); at += CHARACTER.length;
      at = writeNumber(out, at, r.start.character);
      out.set(END_LINE, at); at += END_LINE.length;
      at = writeNumber(out, at, r.end.line);
      out.set(CHARACTER, at); at += CHARACTER.length;
      at = writeNumber(out, at, r.end.character);
      out[at++] = 0x7d; out[at++] = 0x7d; // }}
    }
    const tail = tailOf[k]!;
    out.set(tail, at); at += tail.length;
  }
  out[at] = 0x5d; // ]
  return out;
}

/** What follows the range in a diagnostic's JSON, as UTF-8, by severity, code and message. */
const tails: Partial<Record<string, Map<string, Map<string, Uint8Array>>>> = Object.assign(Object.create(null) as object, {
  error: new Map(), warning: new Map(), info: new Map(), hint: new Map(),
});
const utf8 = new TextEncoder();
const RANGE_OPEN = utf8.encode('{"range":{"start":{"line":');
const CHARACTER = utf8.encode(',"character":');
const END_LINE = utf8.encode('},"end":{"line":');
/** What a range takes besides its four numbers. */
const RANGE_BYTES = RANGE_OPEN.length + 2 * CHARACTER.length + END_LINE.length + 2;

/** A number the core makes (a whole number from 0), written as digits directly; any other, as JSON.stringify writes it. */
const isDigitsOnly = (value: number) => value >= 0 && value <= 0x7fffffff && (value | 0) === value;

function numberBytes(value: number): number {
  if (!isDigitsOnly(value)) return JSON.stringify(value).length;
  let digits = 1;
  for (let v = value; v >= 10; v = (v / 10) | 0) digits++;
  return digits;
}

function writeNumber(out: Uint8Array, at: number, value: number): number {
  if (isDigitsOnly(value)) {
    const digits = numberBytes(value);
    for (let i = at + digits - 1, v = value; i >= at; i--, v = (v / 10) | 0) out[i] = 0x30 + (v % 10);
    return at + digits;
  }
  const s = JSON.stringify(value);
  for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  return at + s.length;
}

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
