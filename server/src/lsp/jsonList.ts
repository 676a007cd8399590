/**
 * Lists that cross from the analysis worker to the client as JSON. The worker writes a version's diagnostics as the
 * UTF-8 bytes of their JSON and hands the bytes over (a transfer, not a copy: a string of 150,000 characters took
 * 0.7 ms to cross threads into fresh memory, and 0.25 ms more to encode on the main thread); over stdio those bytes
 * are written into the outgoing message as they are, instead of being parsed on the main thread and written again
 * by vscode-jsonrpc (≈ 1 ms for the 500 diagnostics of a 1 MB document, per keystroke that changes them:
 * docs/performance.md).
 *
 * Other transports (VS Code's node-ipc) serialise messages themselves: there `RawJsonArray.toJSON` gives the parsed
 * list, which costs what parsing it on arrival did before.
 */
import { Buffer } from 'node:buffer';
import type { ContentTypeEncoder, Message } from 'vscode-jsonrpc';

/** The JSON text of an array, or its UTF-8 bytes. */
export type JsonText = string | Uint8Array;

const decoder = new TextDecoder();

const textOf = (t: JsonText): string => (typeof t === 'string' ? t : decoder.decode(t));

/**
 * A list as the JSON a message carries: as the worker wrote it, or written from the list the first time it is
 * asked for. (Nothing on the main thread reads the diagnostics themselves: the snapshot has them as objects.)
 */
export class JsonList<T> {
  private constructor(private raw: JsonText | undefined, private readonly list: readonly T[] | undefined) {}

  /** From the JSON text of the list, or its UTF-8 bytes. */
  static fromJson<T>(json: JsonText): JsonList<T> { return new JsonList<T>(json, undefined); }
  static of<T>(items: readonly T[]): JsonList<T> { return new JsonList<T>(undefined, items); }

  /** The JSON as given (text or bytes), or written from the list. */
  get wire(): JsonText { return (this.raw ??= JSON.stringify(this.list)); }
  get isEmpty(): boolean {
    if (this.list) return this.list.length === 0;
    const raw = this.raw!;
    return typeof raw === 'string' ? raw === '[]' : raw.length === 2;
  }

  /** This list followed by `more`, as a message carries it: its JSON is written as is where the encoder can. */
  followedBy(more: readonly T[]): RawJsonArray {
    return new RawJsonArray(more.length ? [this.wire, JSON.stringify(more)] : [this.wire]);
  }
}

/**
 * An array in an outgoing message, given as the JSON of arrays (texts or UTF-8 bytes) whose elements it holds one
 * after another.
 */
export class RawJsonArray {
  constructor(readonly parts: readonly JsonText[]) {}
  /** For whatever serialises the message itself (node-ipc, a trace of the message). */
  toJSON(): unknown[] { return this.parts.flatMap((p) => JSON.parse(textOf(p)) as unknown[]); }
}

/**
 * Where a message may carry a RawJsonArray: the diagnostics of `textDocument/publishDiagnostics` and the items of a
 * `textDocument/diagnostic` answer. Returns the object and key holding it.
 */
function rawField(msg: Message): { holder: Record<string, unknown>; key: string } | null {
  const m = msg as { params?: unknown; result?: unknown };
  const params = m.params as Record<string, unknown> | undefined;
  if (params && typeof params === 'object' && params.diagnostics instanceof RawJsonArray) return { holder: params, key: 'diagnostics' };
  const result = m.result as Record<string, unknown> | undefined;
  if (result && typeof result === 'object' && result.items instanceof RawJsonArray) return { holder: result, key: 'items' };
  return null;
}

/**
 * vscode-jsonrpc's `application/json` encoder (JSON.stringify, then the charset's bytes), except that a RawJsonArray
 * is written from its texts. The message is written with the array's key last, holding 0; the array takes the place of
 * that 0, the only character before the closing braces.
 */
export const rawJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg, options) {
    try {
      const raw = options.charset === 'utf-8' ? rawField(msg) : null;
      if (!raw) return Promise.resolve(Buffer.from(JSON.stringify(msg, undefined, 0), options.charset));
      const { [raw.key]: array, ...rest } = raw.holder;
      const outer = msg as unknown as Record<string, unknown>;
      const holderKey = outer.params === raw.holder ? 'params' : 'result';
      const { [holderKey]: _, ...envelope } = outer;
      // The holder last in the message and the array last in the holder: the text ends `0}}`.
      const text = JSON.stringify({ ...envelope, [holderKey]: { ...rest, [raw.key]: 0 } });
      const head = text.slice(0, -3), tail = text.slice(-2);
      const pieces: JsonText[] = [head, '['];
      let first = true;
      // (Each part is the JSON of an array: `[…]`, or `[]` when empty; its elements are written without the brackets.)
      for (const part of (array as RawJsonArray).parts) {
        if (part.length <= 2) continue;
        if (!first) pieces.push(',');
        pieces.push(typeof part === 'string' ? part.slice(1, -1) : part.subarray(1, -1));
        first = false;
      }
      pieces.push(']', tail);
      let size = 0;
      for (const p of pieces) size += typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length;
      const buffer = Buffer.allocUnsafe(size);
      let at = 0;
      for (const p of pieces) {
        if (typeof p === 'string') at += buffer.write(p, at, 'utf8');
        else { buffer.set(p, at); at += p.length; }
      }
      return Promise.resolve(buffer);
    } catch (e) {
      return Promise.reject(e);
    }
  },
};
