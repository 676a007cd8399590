/**
 * Bytes → text for files from disk: UTF-8 (with or without BOM), UTF-16 with BOM, and GBK/GB18030
 * (detected: bytes that are not valid UTF-8, or a page that declares a GB charset). Saved web pages
 * name their charset in a <meta> tag.
 */
import * as iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded { text: string; encoding: Encoding }

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

export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1').toLowerCase();
  const declared = /<meta[^>]{0,200}charset\s{0,3}=\s{0,3}["']?\s{0,3}(gb2312|gbk|gb18030)/.exec(head);
  if (!declared) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch {
      // Not strictly UTF-8. A file cut in the middle of a character has one or two bad sequences and is still
      // UTF-8; GBK text decoded as UTF-8 is almost all bad sequences.
      const loose = new TextDecoder('utf-8').decode(bytes);
      let bad = 0;
      for (let i = 0; i < loose.length; i++) if (loose.charCodeAt(i) === 0xfffd) bad++;
      if (bad <= 3 || bad / loose.length < 0.001) return { text: loose, encoding: 'utf-8' };
    }
  }
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8': return Buffer.from(text, 'utf8');
    case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': { const le = Buffer.from(text, 'utf16le'); for (let i = 0; i + 1 < le.length; i += 2) { const t = le[i]!; le[i] = le[i + 1]!; le[i + 1] = t; } return Buffer.concat([Buffer.from([0xfe, 0xff]), le]); }
    case 'gb18030': return iconv.encode(text, 'gb18030');
  }
}
