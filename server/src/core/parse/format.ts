/**
 * Which format a text is in when nothing names it (a web page, Markdown or plain text), and whether it holds
 * `<table>` markup to render. A text is read whole once; its next version is decided from what the edit changed:
 * a keystroke in a megabyte of plain text otherwise searched all of it for a Markdown line (0.4 ms each time).
 */
import type { SourceFormat } from '../model';
import { HTML_SNIFF_LENGTH, looksLikeHtmlDocument, TABLE_TAG } from '../text/html';

/** A Markdown heading or pipe-table row at the start of a line: the text is read as Markdown. */
const MARKDOWN_LINE = /^\s{0,3}(#{1,6}\s|\|.*\|\s*$)/m;
/**
 * How many whole lines around an edit are searched again for a Markdown line. A match reads at most five lines
 * (`\s{0,3}` crosses up to three line breaks, `#\s` one more, `$` peeks at the next character); the rest is margin.
 */
const MARGIN_LINES = 8;

export interface FormatSniff {
  /** The format: the one named (file name, editor language), or what the content suggests. */
  format: SourceFormat;
  /** Where the text's first Markdown line starts, or -1 (also when the format was named or is HTML). */
  markdownAt: number;
  /** Where its first `<table` is, or -1 (then there is no markup to render). */
  tableTagAt: number;
}

/** Where the texts differ: [start, oldEnd) of the previous text became [start, newEnd) of this one. */
interface Change { start: number; oldEnd: number; newEnd: number }

/**
 * The format of `source`. `previous`: what was found in the previous version of the text with the same `named`
 * format, and where the two differ (null: they are equal). The result is what reading the whole text gives
 * (test/unit/incremental.test.ts compares them after random edits).
 */
export function sniffFormat(source: string, named: SourceFormat | undefined, previous?: { sniff: FormatSniff; change: Change | null }): FormatSniff {
  // (A web page is read afresh at every version, its view being no line-local function of its text.)
  if (!previous || previous.sniff.format === 'html') return sniffWhole(source, named);
  const { sniff: old, change } = previous;
  if (!change) return old;
  // Only the start of a text tells a web page (looksLikeHtmlDocument reads no further).
  if (!named && change.start < HTML_SNIFF_LENGTH && looksLikeHtmlDocument(source)) return { format: 'html', markdownAt: -1, tableTagAt: -1 };
  const lines = lineWindow(source, change, MARGIN_LINES);
  const markdownAt = named ? -1 : carried(source, MARKDOWN_LINE, 1, old.markdownAt, change, lines);
  const tags = { start: Math.max(0, change.start - 5), end: Math.min(source.length, change.newEnd + 5) };
  const tableTagAt = carried(source, TABLE_TAG, 0, old.tableTagAt, change, tags);
  return { format: named ?? (markdownAt >= 0 ? 'markdown' : 'text'), markdownAt, tableTagAt };
}

function sniffWhole(source: string, named: SourceFormat | undefined): FormatSniff {
  if (named === 'html' || (!named && looksLikeHtmlDocument(source))) return { format: 'html', markdownAt: -1, tableTagAt: -1 };
  const markdownAt = named ? -1 : source.search(MARKDOWN_LINE);
  return { format: named ?? (markdownAt >= 0 ? 'markdown' : 'text'), markdownAt, tableTagAt: source.search(TABLE_TAG) };
}

/**
 * The first match of `re` in the new text, given the first in the old one (`oldAt`, -1: none) and a window of the
 * new text around the change outside which a match reads only unchanged text. `window` starts where a line
 * starts (or anywhere for a pattern without anchors) and ends after a line break or at the end of the text;
 * `lookbehind`: how many characters before its start a match reads (`^` reads one).
 */
function carried(source: string, re: RegExp, lookbehind: number, oldAt: number, change: Change, window: { start: number; end: number }): number {
  // Before the window: the same match, and still the first (nothing before it changed).
  if (oldAt >= 0 && oldAt < window.start) return oldAt;
  const found = source.slice(window.start, window.end).search(re);
  if (found >= 0) return window.start + found;
  // None in the old text, none in the window: none (a match that began in the window's last lines and went on past
  // it would read unchanged text only, and the old text would have had it).
  if (oldAt < 0) return -1;
  // In the unchanged text after the edit: the same match, moved by it, and the first (by the same reasoning).
  if (oldAt - lookbehind >= change.oldEnd) return oldAt + change.newEnd - change.oldEnd;
  // The old first match was in what changed and is gone: a later one may be anywhere.
  const later = source.slice(window.start).search(re);
  return later < 0 ? -1 : window.start + later;
}

/** Whole lines around the change, `margin` more on each side. */
function lineWindow(text: string, change: Change, margin: number): { start: number; end: number } {
  // (lastIndexOf reads position 0 for a negative position: the first line is handled apart.)
  let start = change.start === 0 ? 0 : text.lastIndexOf('\n', change.start - 1) + 1;
  for (let k = 0; k < margin && start > 0; k++) start = start === 1 ? 0 : text.lastIndexOf('\n', start - 2) + 1;
  let end = change.newEnd;
  for (let k = 0; k <= margin; k++) {
    const nl = text.indexOf('\n', end);
    if (nl < 0) return { start, end: text.length };
    end = nl + 1;
  }
  return { start, end };
}
