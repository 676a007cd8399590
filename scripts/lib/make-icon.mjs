#!/usr/bin/env node
// Draws images/icon.png (128×128 RGBA): a report sheet on a red rounded square with a check badge.
// Pure Node (zlib); run `node scripts/lib/make-icon.mjs` to regenerate. The PNG is committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './proc.mjs';

const S = 128;
const SS = 4; // supersampling per axis

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes: (x, y) → inside?
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};
const sheet = (x, y) => rect(30, 16, 98, 112)(x, y) && !(x > 80 && y < 16 + (x - 80)); // folded corner cut
const fold = (x, y) => x >= 80 && x <= 98 && y >= 16 && y <= 34 && y >= 16 + (x - 80);

/** @type {[(x: number, y: number) => boolean, [number, number, number]][]} */
const layers = [
  [roundRect(0, 0, 128, 128, 26), [0xb7, 0x1c, 0x1c]],
  [sheet, [0xff, 0xff, 0xff]],
  [fold, [0xf2, 0xc4, 0xc4]],
  [rect(40, 44, 88, 49), [0xb0, 0xb0, 0xb0]],
  [rect(40, 57, 88, 62), [0xb0, 0xb0, 0xb0]],
  [rect(40, 70, 72, 75), [0xb0, 0xb0, 0xb0]],
  [circle(90, 94, 24), [0xff, 0xc1, 0x07]],
  [(x, y) => segment(78, 94, 87, 103, 7)(x, y) || segment(87, 103, 102, 84, 7)(x, y), [0xff, 0xff, 0xff]],
];

export function drawIcon() {
  const px = Buffer.alloc(S * S * 4);
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const fx = x + (sx + 0.5) / SS;
          const fy = y + (sy + 0.5) / SS;
          let col = null;
          for (const [inside, c] of layers) if (inside(fx, fy)) col = c;
          if (col) {
            r += col[0];
            g += col[1];
            b += col[2];
            a++;
          }
        }
      }
      const i = (y * S + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
        px[i + 3] = Math.round((a / (SS * SS)) * 255);
      }
    }
  }
  return encodePng(S, S, px);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = path.join(ROOT, 'images', 'icon.png');
  const png = drawIcon();
  writeFileSync(out, png);
  console.log(`wrote ${path.relative(ROOT, out)} (${png.length} bytes)`);
}
