import { createHash, randomFillSync } from 'node:crypto';

const POOL_SIZE = 16 * 1024;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let lastMs = -1;
let counter = 0;

/** One random byte from the pool, refilled from the OS 16 KiB at a time. */
function randomByte(): number {
  if (offset >= POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++] ?? 0;
}

function hexByte(n: number): string {
  return hex[n & 0xff] ?? '00';
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
    counter = ((randomByte() << 21) | (randomByte() << 13) | (randomByte() << 5) | (randomByte() >> 3)) & 0x1fffffff;
  } else {
    counter++;
    if (counter > 0x3fffffff) {
      lastMs++;
      counter = 0;
    }
  }
  // 48 bits of milliseconds as 12 hex digits (exact: well inside 2^53).
  const time = lastMs.toString(16).padStart(12, '0');
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-` +
    hexByte(0x70 | ((counter >>> 26) & 0x0f)) +
    hexByte(counter >>> 18) +
    '-' +
    hexByte(0x80 | ((counter >>> 12) & 0x3f)) +
    hexByte(counter >>> 4) +
    '-' +
    hexByte(((counter & 0x0f) << 4) | (randomByte() & 0x0f)) +
    hexByte(randomByte()) +
    hexByte(randomByte()) +
    hexByte(randomByte()) +
    hexByte(randomByte()) +
    hexByte(randomByte())
  );
}

/**
 * A stable id made from names (a UUIDv8 laid out like RFC 9562's name-based ids, over
 * SHA-256): two devices that create "the same" row offline — the same tag on the same
 * trade — give it the same id, so sync merges them instead of colliding on a unique key.
 */
export function nameBasedId(namespace: string, ...parts: string[]): string {
  const digest = createHash('sha256')
    .update([namespace, ...parts].join('\u0000'))
    .digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const h = digest.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
