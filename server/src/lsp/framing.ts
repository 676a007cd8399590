/**
 * The protocol's frames over stdio, read before vscode-jsonrpc reads them: a frame with a header it cannot use (no
 * Content-Length, a negative one, a line break after a message, as some clients send) made its reader wait for ever
 * with the bad bytes at the head of its buffer, the server alive and deaf. Here bytes between frames that are no
 * header are dropped up to the next `Content-Length:`, said through `onProblem` (the first twenty times), and the frames after them
 * are read as sent. Well-formed input passes as it is, a frame's body streamed through without being copied.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_NAME = Buffer.from('content-length:');
/** More than any header a client sends; past it without a header's end, the bytes are no header. */
const MAX_HEADER_BYTES = 8192;
const MAX_PROBLEMS_SAID = 20;

export class FrameReader extends Transform {
  /** Told of bytes dropped and why (the connection logs it once it exists). */
  onProblem: (message: string) => void = () => undefined;
  /** The bytes of a header seen so far (while no body is passing through). */
  private header: Buffer = Buffer.alloc(0);
  /** Bytes of the current frame's body still to pass through. */
  private remaining = 0;
  /** How many times input was skipped. */
  private problems = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data: Buffer | null = chunk;
    while (data && data.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, data.length);
        this.push(data.subarray(0, n));
        this.remaining -= n;
        data = data.subarray(n);
        continue;
      }
      this.header = this.header.length ? Buffer.concat([this.header, data]) : data;
      data = this.takeHeader();
    }
    done();
  }

  /**
   * Takes the header at the head of `header` when it is complete: passes it on, starts its body, and returns the
   * bytes after it. Null when more bytes are needed.
   */
  private takeHeader(): Buffer | null {
    for (;;) {
      const h = this.header;
      // Line breaks and spaces before a header: what some clients write after each message.
      let start = 0;
      while (start < h.length && (h[start] === 0x0d || h[start] === 0x0a || h[start] === 0x20 || h[start] === 0x09)) start++;
      const end = headerEnd(h, start, Math.min(h.length, start + MAX_HEADER_BYTES));
      if (end === null) {
        if (h.length - start < MAX_HEADER_BYTES) { this.header = h.subarray(start); return null; }
        // No header can start more than its longest length before the next blank line (or, with none, before the
        // end of what is here): skip to there, so junk without blank lines is read in linear time. (Junk with a blank
        // line every few kilobytes still costs up to MAX_HEADER_BYTES of scanning per candidate header: crafted input
        // only, 1 MB of it ≈ 1.4 s.)
        const next = headerEnd(h, start, h.length);
        this.resync(Math.max(start + 1, (next ? next.at : h.length) - MAX_HEADER_BYTES), 'no end of a header');
        continue;
      }
      const lines = h.subarray(start, end.at).toString('latin1').split('\n').map((l) => l.replace(/\r$/, ''));
      // (Read as vscode-jsonrpc reads it, with parseInt: +110 and 0x6e are 110 there too.)
      // Several that disagree make no length, as in HTTP (vscode-jsonrpc took the last, we would have passed the first).
      const sizes = new Set(lines.filter((l) => /^content-length:/i.test(l)).map((l) => parseInt(l.slice('content-length:'.length))));
      const size = sizes.size === 1 ? [...sizes][0]! : NaN;
      if (!Number.isSafeInteger(size) || size < 0) { this.resync(start + 1, 'no valid Content-Length'); continue; }
      // The header as vscode-jsonrpc reads it: each line ended by CRLF, and only lines it can read (a line without a
      // colon, such as junk right before a frame, made it throw and stop reading).
      const kept = lines.filter((l) => l.includes(':'));
      this.push(Buffer.from(`${kept.join('\r\n')}\r\n\r\n`, 'latin1'));
      this.remaining = size;
      this.header = Buffer.alloc(0);
      return h.subarray(end.next);
    }
  }

  /** Drops the bytes before the next `Content-Length:` at or after `from` (at least `from` bytes), and says so. */
  private resync(from: number, why: string): void {
    const h = this.header;
    const next = indexOfCaseless(h, HEADER_NAME, from);
    // (None: what may be the start of one is kept.)
    const dropped = next >= 0 ? next : Math.max(from, h.length - (HEADER_NAME.length - 1));
    // (Said the first times only: a stream of junk would otherwise be a stream of log messages to the client.)
    if (++this.problems <= MAX_PROBLEMS_SAID) {
      this.onProblem(`xxgknb: ${dropped} bytes of input that are no message skipped (${why}): ${JSON.stringify(h.subarray(0, Math.min(dropped, 60)).toString('utf8'))}${this.problems === MAX_PROBLEMS_SAID ? ' (further skipped input is not logged)' : ''}`);
    }
    this.header = h.subarray(dropped);
  }
}

/** Where the header that starts at `from` ends (a blank line, CRLF or LF) before `limit`, and where its body begins. */
function headerEnd(b: Buffer, from: number, limit: number): { at: number; next: number } | null {
  for (let i = b.indexOf(0x0a, from); i >= 0 && i < limit; i = b.indexOf(0x0a, i + 1)) {
    if (b[i + 1] === 0x0a) return { at: i, next: i + 2 };
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) return { at: i, next: i + 3 };
    if (i + 1 >= b.length || (i + 2 >= b.length && b[i + 1] === 0x0d)) return null;
  }
  return null;
}

function indexOfCaseless(b: Buffer, needle: Buffer, from: number): number {
  for (let i = from; i + needle.length <= b.length; i++) {
    let k = 0;
    while (k < needle.length && (b[i + k]! | 0x20) === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}
