// Minimal zip reader (a .vsix is a zip): lists the central directory and extracts stored/deflated entries.
// No zip64 (a vsix is far below 4 GB). No dependency on the unzip command.
import { inflateRawSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * @typedef {{name: string, method: number, compressedSize: number, size: number, localHeaderOffset: number}} ZipEntry
 */

/** @param {Buffer} buf @returns {ZipEntry[]} */
export function listZipEntries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  /** @type {ZipEntry[]} */
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** @param {Buffer} buf @param {ZipEntry} e @returns {Buffer} */
export function readZipEntry(buf, e) {
  const h = e.localHeaderOffset;
  if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(data);
  if (e.method === 8) return inflateRawSync(data);
  throw new Error(`unsupported compression method ${e.method} for ${e.name}`);
}

/**
 * Extracts a zip file into dest. Returns the number of files written.
 * @param {string} zipPath @param {string} dest
 */
export function extractZip(zipPath, dest) {
  const buf = readFileSync(zipPath);
  const root = path.resolve(dest);
  let n = 0;
  for (const e of listZipEntries(buf)) {
    const out = path.resolve(root, e.name);
    if (out !== root && !out.startsWith(root + path.sep)) throw new Error(`zip entry escapes destination: ${e.name}`);
    if (e.name.endsWith('/')) {
      mkdirSync(out, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, readZipEntry(buf, e));
    n++;
  }
  return n;
}
