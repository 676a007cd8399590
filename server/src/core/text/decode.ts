/**
 * Bytes → text for files from disk, and text → bytes in the encoding the file had (`check --fix` writes back what it
 * read). Which encoding a file is in is decided in encoding.ts (shared with the VS Code client); GB18030 is read and
 * written with iconv-lite.
 */
import * as iconv from 'iconv-lite';
import { decodeWith, type Decoded, type Encoding } from './encoding';

export { isBinary, type Decoded, type Encoding } from './encoding';

export function decode(bytes: Uint8Array): Decoded {
  return decodeWith(bytes, (b) => iconv.decode(Buffer.from(b), 'gb18030'));
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
