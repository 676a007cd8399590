/**
 * Which encoding a file's bytes are in, and its text: UTF-8 (with or without BOM), UTF-16 with BOM, and GBK/GB18030
 * (bytes that are not UTF-8, or a saved page that declares a GB charset in a <meta> tag). No Node modules: the
 * VS Code client's "check the workspace" reads files with this too, so it and the CLI agree on every file. The
 * GB18030 decoder is the caller's (the CLI has iconv-lite, which can also write GB18030 back; the client uses the
 * platform's TextDecoder).
 */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded { text: string; encoding: Encoding }

/** A NUL byte (outside UTF-16 text) or more than 10 % control characters in the first 8 KB. */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff);
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Bytes → text with the platform's GB18030 decoder (ICU's GB18030-2022 mapping, where iconv-lite in the CLI has
 * 2005's: 18 rare codes differ): for readers without iconv-lite (the VS Code client, the server's folder reading).
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeWith(bytes, (b) => new TextDecoder('gb18030').decode(b)).text;
}

export function decodeWith(bytes: Uint8Array, gb18030: (bytes: Uint8Array) => string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // Bytes that are strictly UTF-8 and hold a multi-byte character are UTF-8, whatever a <meta> declares: crawlers
  // and "save page" tools re-encode a GB2312 page as UTF-8 and leave its <meta> as it was, while Chinese text in GBK
  // is practically never valid UTF-8 (and an editor opens the file as UTF-8 too). (Decoded, such bytes give fewer
  // UTF-16 units than bytes.) Plain ASCII follows the <meta>: what a fix writes into it is then written in GB.
  let utf8: string | null = null;
  try { utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { /* not strictly UTF-8 */ }
  if (utf8 !== null && utf8.length < bytes.length) return { text: utf8, encoding: 'utf-8' };
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 2048); i++) head += String.fromCharCode(bytes[i]!);
  const declared = /<meta[^>]{0,200}charset\s{0,3}=\s{0,3}["']?\s{0,3}(gb2312|gbk|gb18030)/.exec(head.toLowerCase());
  if (!declared) {
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
    // Not strictly UTF-8. A file cut in the middle of a character has one or two bad sequences and is still
    // UTF-8; GBK text decoded as UTF-8 is almost all bad sequences.
    const loose = new TextDecoder('utf-8').decode(bytes);
    let bad = 0;
    for (let i = 0; i < loose.length; i++) if (loose.charCodeAt(i) === 0xfffd) bad++;
    if (bad <= 3 || bad / loose.length < 0.001) return { text: loose, encoding: 'utf-8' };
  }
  return { text: gb18030(bytes), encoding: 'gb18030' };
}
