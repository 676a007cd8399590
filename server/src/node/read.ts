/**
 * Reading files from disk for the CLI and the language server (the core reads none).
 *
 * A file the user named on the command line: a regular file up to MAX_INPUT_BYTES, or what a pipe or a
 * character device gives (a process substitution `<(iconv -f gbk r.txt)`, /dev/stdin) up to the same size, read in
 * chunks: a device without an end (/dev/zero) is not read to its end.
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';

/** No annual report comes near this (the corpus's largest is 26 KB; 400 reports one after another are 10 MB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const TOO_LARGE = `超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB，不是一份年报，未读取 / larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB: not an annual report, not read`;

export type Input = { bytes: Buffer; error?: undefined; regular: boolean } | { error: string };

const cannotRead = (e: unknown) => `无法读取 / cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;

export function readInput(file: string): Input {
  let st: fs.Stats;
  try { st = fs.statSync(file); } catch (e) { return { error: cannotRead(e) }; }
  if (st.isDirectory()) return { error: '是目录 / is a directory' };
  if (st.isFile()) {
    if (st.size > MAX_INPUT_BYTES) return { error: TOO_LARGE };
    try { return { bytes: fs.readFileSync(file), regular: true }; } catch (e) { return { error: cannotRead(e) }; }
  }
  if (!st.isFIFO() && !st.isCharacterDevice()) return { error: '不是普通文件、管道或字符设备 / not a regular file, pipe or character device' };
  let fd: number;
  try { fd = fs.openSync(file, 'r'); } catch (e) { return { error: cannotRead(e) }; }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // At most one byte past the limit is read: enough to know the input is over it.
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, MAX_INPUT_BYTES + 1 - total));
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        // A non-blocking pipe with nothing in it yet: wait a little and read again.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_INPUT_BYTES) return { error: TOO_LARGE };
    }
    return { bytes: Buffer.concat(chunks, total), regular: false };
  } catch (e) {
    return { error: cannotRead(e) };
  } finally {
    fs.closeSync(fd);
  }
}

/** `.xxgknb.json` is read only when it is a regular file of at most this size (a FIFO of that name would block). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A project file's text, or null when there is none (or it is no regular file, or too large, or unreadable). */
export function readConfigText(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size <= MAX_CONFIG_BYTES ? fs.readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}
