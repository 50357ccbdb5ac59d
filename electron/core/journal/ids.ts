import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 16 * 1024;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let lastMs = -1;
let counter = 0;

function randomBytes(n: number): number[] {
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Array.from(pool.subarray(offset, offset + n));
  offset += n;
  return out;
}

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix ms, then a 30-bit counter (method 1 of §6.2), then
 * random bits. Ids from this process are strictly increasing, even within one
 * millisecond or if the clock steps back, so fills imported in the same millisecond keep
 * their file order wherever the id breaks a tie. Written here rather than taken from
 * `uuid` because bulk imports make millions of ids and drawing random bytes from the OS
 * per id was a third of the import time; this draws them from a pooled buffer.
 */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Start each millisecond at a random point in the lower half, leaving room to count up.
    const [r0 = 0, r1 = 0, r2 = 0, r3 = 0] = randomBytes(4);
    counter = ((r0 << 21) | (r1 << 13) | (r2 << 5) | (r3 >> 3)) & 0x1fffffff;
  } else {
    counter++;
    if (counter > 0x3fffffff) {
      lastMs++;
      counter = 0;
    }
  }
  const b = new Array<number>(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  const rand = randomBytes(6);
  b[6] = 0x70 | ((counter >>> 26) & 0x0f);
  b[7] = (counter >>> 18) & 0xff;
  b[8] = 0x80 | ((counter >>> 12) & 0x3f);
  b[9] = (counter >>> 4) & 0xff;
  b[10] = ((counter & 0x0f) << 4) | ((rand[0] ?? 0) & 0x0f);
  for (let i = 11; i < 16; i++) b[i] = rand[i - 10] ?? 0;
  const h = b.map((x) => hex[x] ?? '00');
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}
