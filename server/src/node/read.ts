/**
 * Reading from disk: the CLI's inputs, and `.xxgknb.json` for the CLI and the language server (the core reads none).
 *
 * A file the user named on the command line: a regular file up to MAX_INPUT_BYTES, or what a pipe or a character
 * device gives (a process substitution `<(iconv -f gbk r.txt)`, `… | xxgknb check /dev/stdin`) up to the same size,
 * read in chunks: a device without an end (/dev/zero) is not read to its end.
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';

/** No annual report comes near this (the corpus's largest is 26 KB; 400 reports one after another are 10 MB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const TOO_LARGE = `超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB，不是一份年报，未读取 / larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB: not an annual report, not read`;
const NOT_A_FILE = '不是普通文件、管道或字符设备 / not a regular file, pipe or character device';

/** Standard input as a path: read from descriptor 0 itself (it may be a socket, which cannot be opened by name). */
export const STDIN = '/dev/stdin';

/** `regular`: a regular file (one that `--fix` may write back and whose folder holds its project file). */
export type Input = { bytes: Buffer; error?: undefined; regular: boolean } | { error: string };

/** Node's message of a file-system error without the path, which the caller shows ("ENOENT: no such file or directory"). */
export function errorText(e: unknown): string {
  return (e as Error).message?.split(',')[0] || String((e as NodeJS.ErrnoException).code ?? e);
}

const cannotRead = (e: unknown) => `无法读取 / cannot read: ${errorText(e)}`;

/** `file`: a path, or a path in bytes (a name that is not UTF-8). */
export function readInput(file: string | Buffer): Input {
  if (file === STDIN) return readBounded(0, false, -1);
  // What the path is, told before opening it: a socket cannot be opened, and says so better than ENXIO.
  try {
    const st = fs.statSync(file);
    if (!st.isFile() && !st.isDirectory() && !st.isFIFO() && !st.isCharacterDevice()) return { error: NOT_A_FILE };
  } catch (e) {
    return { error: cannotRead(e) };
  }
  let fd: number;
  try { fd = fs.openSync(file, 'r'); } catch (e) { return { error: cannotRead(e) }; }
  try {
    // Told again from the open descriptor: what is read is what was measured.
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { error: '是目录 / is a directory' };
    if (st.isFile() && st.size > MAX_INPUT_BYTES) return { error: TOO_LARGE };
    return readBounded(fd, st.isFile(), st.isFile() ? st.size : -1);
  } catch (e) {
    return { error: cannotRead(e) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Everything `fd` gives, to MAX_INPUT_BYTES and one byte more at most (enough to know it is over), into one buffer
 * grown by doubling (a chunk of its own per read would keep a whole chunk for every line a slow writer sends).
 */
function readBounded(fd: number, regular: boolean, size: number): Input {
  let buffer = Buffer.allocUnsafe(Math.min(MAX_INPUT_BYTES + 1, size >= 0 ? size + 1 : 64 * 1024));
  let total = 0;
  try {
    for (;;) {
      if (total === buffer.length) {
        if (total > MAX_INPUT_BYTES) return { error: TOO_LARGE };
        const grown = Buffer.allocUnsafe(Math.min(MAX_INPUT_BYTES + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      let n: number;
      try {
        n = fs.readSync(fd, buffer, total, buffer.length - total, null);
      } catch (e) {
        // A non-blocking descriptor with nothing in it yet (standard input as Node leaves some): wait and read again.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES) return { error: TOO_LARGE };
    }
  } catch (e) {
    return { error: cannotRead(e) };
  }
  // (A copy when the buffer grew well past the text: a pipe's last doubling.)
  return { bytes: buffer.length - total > 64 * 1024 ? Buffer.from(buffer.subarray(0, total)) : buffer.subarray(0, total), regular };
}

/** `.xxgknb.json` is read only when it is a regular file of at most this size (a FIFO of that name would block). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * A project file's text; null when there is none; an error when there is one that cannot be used (it is named as the
 * project's file with that problem, not passed over for one in a folder above).
 */
export function readConfigText(file: string | Buffer): string | null | { error: string } {
  let st: fs.Stats;
  try { st = fs.statSync(file); } catch { return null; }
  if (!st.isFile()) return { error: '不是普通文件 / not a regular file' };
  if (st.size > MAX_CONFIG_BYTES) return { error: '超过 1 MB / larger than 1 MB' };
  try { return fs.readFileSync(file, 'utf8'); } catch (e) { return { error: cannotRead(e) }; }
}
