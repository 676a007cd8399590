/**
 * An open document's text as the client edits it: the same behaviour as vscode-languageserver-textdocument's
 * TextDocument (test/unit/text-document.test.ts compares the two after random edits), but the text is kept as the
 * pieces the edits left, joined only when read.
 *
 * Why: a JavaScript string cannot be edited, and V8 builds an edited one as a tree of pieces that it copies whole
 * ("flattens") the first time anything reads a character of it. The library reads the new text at every change
 * (CRLF checks, `offsetAt`), so every keystroke in a 1 MB report copied the whole text on the server's main thread
 * (≈ 0.6 ms). Here the pieces are plain strings and slices of plain strings (a slice is not a copy), characters are
 * read from the piece that holds them, and the analysis worker gets the changed part from the pieces
 * (`sliceOf`). After 64 pieces they are joined once.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

const MAX_PIECES = 64;

/**
 * What String.prototype.substring(start, end) takes of a text of `length`: NaN and an undefined start (a hole in the
 * line offsets: see update) count as 0, an undefined end as the length, then both clamped and put in order.
 */
function substringBounds(start: number | undefined, end: number | undefined, length: number): [number, number] {
  const index = (x: number | undefined) => { const n = Math.trunc(Number(x)); return Number.isNaN(n) ? 0 : Math.max(0, Math.min(length, n)); };
  const a = index(start), b = end === undefined ? length : index(end);
  return a <= b ? [a, b] : [b, a];
}

/** The pieces, or parts of them, that make up [from, to) of their text (0 ≤ from ≤ to ≤ its length). */
function partsBetween(pieces: readonly string[], from: number, to: number): string[] {
  const out: string[] = [];
  let pos = 0;
  for (const p of pieces) {
    const a = pos, b = pos + p.length;
    pos = b;
    if (b <= from) continue;
    if (a >= to) break;
    out.push(a >= from && b <= to ? p : p.slice(Math.max(0, from - a), Math.min(p.length, to - a)));
  }
  return out;
}

export class PiecewiseTextDocument implements TextDocument {
  /** The text, in order; never empty strings; replaced, never modified (`sliceOf` keeps the array of its version). */
  private pieces: readonly string[];
  private length: number;
  private lineOffsets: number[] | undefined;
  private joined: string | undefined;

  constructor(readonly uri: string, readonly languageId: string, private _version: number, content: string) {
    this.pieces = content ? [content] : [];
    this.length = content.length;
  }

  get version(): number { return this._version; }
  get lineCount(): number { return this.getLineOffsets().length; }

  getText(range?: Range): string {
    if (range) return this.sliceOf()(this.offsetAt(range.start), this.offsetAt(range.end));
    // Joined by concatenation, which V8 does without copying (until the string is read).
    if (this.joined === undefined) {
      let s = '';
      for (const p of this.pieces) s += p;
      this.joined = s;
    }
    return this.joined;
  }

  /**
   * A function giving this version's text from `from` to `to` as String.prototype.substring would (ends swapped when
   * reversed, clamped to the text), read from its pieces: the text is never joined for it.
   */
  sliceOf(): (from: number, to: number) => string {
    const pieces = this.pieces, length = this.length;
    return (start, end) => {
      const [from, to] = substringBounds(start, end, length);
      let out = '';
      for (const part of partsBetween(pieces, from, to)) out += part;
      return out;
    };
  }

  /** As String.prototype.charCodeAt on the joined text (NaN and undefined count as 0, outside the text gives NaN). */
  private charCodeAt(index: number): number {
    let offset = Math.trunc(Number(index));
    if (Number.isNaN(offset)) offset = 0;
    if (offset < 0) return NaN;
    let pos = 0;
    for (const p of this.pieces) {
      if (offset < pos + p.length) return p.charCodeAt(offset - pos);
      pos += p.length;
    }
    return NaN;
  }

  /**
   * text.substring(0, start) + inserted + text.substring(end), as the library computes it, including what substring
   * makes of NaN (0) and of ends out of order or outside the text (it can be given such offsets: see update).
   */
  private replace(start: number, end: number, inserted: string): void {
    const [a, b] = substringBounds(0, start, this.length);
    const [c, d] = substringBounds(end, this.length, this.length);
    const out = partsBetween(this.pieces, a, b);
    if (inserted) out.push(inserted);
    out.push(...partsBetween(this.pieces, c, d));
    this.pieces = out.length > MAX_PIECES ? [out.join('')] : out;
    this.length = b - a + inserted.length + (d - c);
    this.joined = undefined;
  }

  /**
   * What TextDocument.update does, change by change (the same line-offset bookkeeping). `applied` is told where each
   * change fell: [start, end) of the text before it, as the library placed it (which can be NaN: see replace), and
   * that text's length.
   */
  update(changes: TextDocumentContentChangeEvent[], version: number, applied?: (start: number, end: number, length: number) => void): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellformed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        applied?.(startOffset, endOffset, this.length);
        this.replace(startOffset, endOffset, change.text);
        const insertedEnd = startOffset + change.text.length;
        const crlfAtStart = this.charCodeAt(startOffset - 1) === 13 && this.charCodeAt(startOffset) === 10;
        const crlfAtEnd = this.charCodeAt(insertedEnd - 1) === 13 && this.charCodeAt(insertedEnd) === 10;
        if (crlfAtStart || crlfAtEnd) {
          // A CRLF pair across an edit boundary is not in the inserted text's line offsets: count again.
          this.lineOffsets = undefined;
          continue;
        }
        const lineOffsets = this.lineOffsets;
        if (!lineOffsets) continue;
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        const added = computeLineOffsets(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i]!;
        } else if (added.length < 10000) {
          lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          this.lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) {
          const offsets = this.lineOffsets!;
          for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] = offsets[i]! + diff;
        }
      } else if (isFull(change)) {
        applied?.(0, this.length, this.length);
        this.pieces = change.text ? [change.text] : [];
        this.length = change.text.length;
        this.joined = undefined;
        this.lineOffsets = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this._version = version;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= computeLineOffsets(this.getText(), true);
    return this.lineOffsets;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0, high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid; else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.length - lineOffsets[lastLine]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line]!;
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.length;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.length;
    const eolOffset = this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]!);
    return this.sliceOf()(eolOffset, nextLineOffset);
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function isEOL(ch: number): boolean { return ch === 13 || ch === 10; }

// The library's own tests of a change event: anything else is refused before the text is touched.
type Candidate = { text?: unknown; range?: unknown; rangeLength?: unknown } | null | undefined;
function isIncremental(change: TextDocumentContentChangeEvent): change is { range: Range; rangeLength?: number; text: string } {
  const c = change as Candidate;
  return c !== undefined && c !== null && typeof c.text === 'string' && c.range !== undefined && (c.rangeLength === undefined || typeof c.rangeLength === 'number');
}
function isFull(change: TextDocumentContentChangeEvent): change is { text: string } {
  const c = change as Candidate;
  return c !== undefined && c !== null && typeof c.text === 'string' && c.range === undefined && c.rangeLength === undefined;
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
