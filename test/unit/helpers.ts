// Shared by the unit tests: where the corpus is, and source slices computed independently of the parser.
import * as path from 'node:path';
import type { Range } from '../../server/src/core/index';

/** ../shared/corpus beside the project (CI clones the project with shared/ beside it). */
export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
export const REAL = path.join(CORPUS, 'real');

/** Offset of an LSP position in `src`, computed independently of the parser's LineIndex. */
export function offsetOf(src: string, p: { line: number; character: number }): number {
  let line = 0, i = 0;
  while (line < p.line && i < src.length) {
    const c = src[i]!;
    if (c === '\r' && src[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') line++;
    i++;
  }
  return i + p.character;
}

/** The source text a range covers. */
export const slice = (src: string, r: Range): string => src.slice(offsetOf(src, r.start), offsetOf(src, r.end));
