/**
 * Paths as bytes: a file whose name is not UTF-8 (GBK names from a zip made on a Chinese Windows) cannot be reached by
 * a string path, so the CLI's folder walk, its project-file lookup and `--fix` handle such paths as Buffers. One
 * place for what they need: the separator, joining, the folder part, the real path.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SEPARATOR = Buffer.from(path.sep);

/** '/' everywhere, and '\' too on Windows (elsewhere it is part of a name). */
export function isSeparator(byte: number | undefined): boolean {
  return byte === 0x2f || (process.platform === 'win32' && byte === 0x5c);
}

/** `name` in the folder `dir` (no second separator after a root such as '/'). */
export function joinBytes(dir: Buffer, name: Buffer): Buffer {
  return isSeparator(dir[dir.length - 1]) ? Buffer.concat([dir, name]) : Buffer.concat([dir, SEPARATOR, name]);
}

/** The folder part of a path, with its last separator ('' for a bare name). */
export function folderBytes(p: Buffer): Buffer {
  let i = p.length - 1;
  while (i >= 0 && !isSeparator(p[i])) i--;
  return p.subarray(0, i + 1);
}

/**
 * The real path of a file, in bytes. The native call keeps names that are not UTF-8; it fails on some Windows
 * virtual drives (EISDIR), where the JavaScript one, on a name that is UTF-8, still answers.
 */
export function realPath(file: string | Buffer): Buffer {
  try {
    return fs.realpathSync.native(file, { encoding: 'buffer' });
  } catch (e) {
    const name = typeof file === 'string' ? file : isUtf8(file) ? file.toString('utf8') : null;
    if (name === null) throw e;
    return Buffer.from(fs.realpathSync(name));
  }
}
