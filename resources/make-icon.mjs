// Draws resources/icon.png (1024×1024), the app icon electron-builder turns into each OS's
// format. Pure Node, no image libraries: run `node resources/make-icon.mjs` after editing.
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

const SIZE = 1024;
const SAMPLES = 4; // per axis, for anti-aliased edges
const background = [15, 23, 42]; // slate-900
const line = [34, 197, 94]; // green-500: a path that trends up
const grid = [51, 65, 85]; // slate-700

// The trading path, in 0..1 coordinates (y down).
const path = [
  [0.2, 0.7],
  [0.38, 0.52],
  [0.5, 0.6],
  [0.66, 0.38],
  [0.8, 0.3],
];
const lineWidth = 0.045;
const dot = { x: 0.8, y: 0.3, r: 0.06 };

function insideRoundedSquare(x, y) {
  const r = 0.22;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function colorAt(x, y) {
  if (!insideRoundedSquare(x, y)) return null;
  if (Math.hypot(x - dot.x, y - dot.y) <= dot.r) return line;
  for (let i = 1; i < path.length; i++) {
    if (distanceToSegment(x, y, path[i - 1], path[i]) <= lineWidth / 2) return line;
  }
  const onGrid = [0.35, 0.5, 0.65].some((g) => Math.abs(y - g) < 0.004) && x > 0.14 && x < 0.86;
  return onGrid ? grid : background;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = colorAt((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a += 1;
      }
    }
    const o = 1 + px * 4;
    if (a > 0) {
      row[o] = Math.round(r / a);
      row[o + 1] = Math.round(g / a);
      row[o + 2] = Math.round(b / a);
    }
    row[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
  }
  rows.push(row);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`wrote resources/icon.png (${SIZE}×${SIZE}, ${png.length} bytes)`);
