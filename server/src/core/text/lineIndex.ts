import type { Position, Range } from '../model';
import { firstAtOrAfter } from './origin';

/** Maps UTF-16 offsets of one text to LSP positions and back. */
export class LineIndex {
  /**
   * Where each line starts. A typed array: an open document gets a new index at every edit, and a list of numbers
   * (tens of thousands in a large document) would be young objects the garbage collector copies; these are not.
   */
  readonly lineStarts: Int32Array;
  constructor(readonly text: string, lineStarts?: Int32Array) {
    if (lineStarts) { this.lineStarts = lineStarts; return; }
    const starts = [0];
    scanBreaks(text, 0, text.length, starts);
    this.lineStarts = Int32Array.from(starts);
  }

  /**
   * The index of `text`, which is `previous.text` with [from, oldTo) replaced so that it now spans [from, newTo).
   * Both ends must be line starts (or the text's ends) in both texts: only the lines in between are scanned.
   */
  static spliced(previous: LineIndex, text: string, from: number, oldTo: number, newTo: number): LineIndex {
    const old = previous.lineStarts;
    const delta = newTo - oldTo;
    // The lines starting up to `from` are kept, those starting after `oldTo` move by `delta`, those between are read again.
    // (The first line starting after an offset is the first starting at or after the next one.)
    const k = firstAtOrAfter(old, from + 1), j = firstAtOrAfter(old, oldTo + 1);
    const added: number[] = [];
    scanBreaks(text, from, newTo, added);
    const starts = new Int32Array(k + added.length + old.length - j);
    starts.set(old.subarray(0, k));
    for (let i = 0; i < added.length; i++) starts[k + i] = added[i]!;
    const moved = k + added.length - j;
    for (let i = j; i < old.length; i++) starts[moved + i] = old[i]! + delta;
    return new LineIndex(text, starts);
  }
  get lineCount(): number { return this.lineStarts.length; }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid; else hi = mid - 1;
    }
    let character = o - this.lineStarts[lo]!;
    // Between a CR and its LF is inside the line break, where LSP has no position: that is the line's end. (Found by
    // fuzzing: an empty last cell of a tab-separated row, or a web page's CR read as a space, ended there.)
    if (character > 0 && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13) character--;
    return { line: lo, character };
  }
  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[p.line]!;
    const end = this.lineEnd(p.line);
    return Math.min(start + Math.max(0, p.character), end);
  }
  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    let end = next;
    if (end > this.lineStarts[line]! && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line]! && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The line break text inserted into `text` is written with: CRLF when the text has any, CR when it breaks its lines with CR alone, else LF. */
export function lineBreakOf(text: string): '\r\n' | '\n' | '\r' {
  return text.includes('\r\n') ? '\r\n' : !text.includes('\n') && text.includes('\r') ? '\r' : '\n';
}

/** Appends the start of every line that begins after a break in text[from, to) (CRLF, LF or a lone CR). */
function scanBreaks(text: string, from: number, to: number, starts: number[]): void {
  // Most texts have no CR: then the native indexOf finds the line breaks.
  // (Searched for in [from, to) only: a splice must not read the whole text.)
  if (!text.slice(from, to).includes('\r')) {
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
}
