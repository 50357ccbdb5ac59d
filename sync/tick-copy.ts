/**
 * Tick rows in PostgreSQL's binary COPY format, for a stage of (part int4, ts int8, seq int8,
 * price float8, size float8): numbers go over as their bytes, so the device formats no
 * decimals and the server parses none (a double's shortest decimal is the dearest part of
 * the text format on both sides).
 */

/** Signature, flags, header extension length. */
export const COPY_BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);

/** A field count of -1 ends the data. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Field count, then length and bytes of each field. */
const ROW_BYTES = 2 + (4 + 4) + 4 * (4 + 8);

const TWO_32 = 4_294_967_296;

/** ts, seq, price, size. */
export type TickRow = [number, number, number, number];

/** One chunk's rows, all tagged with `part` (the chunk's place in its upload). */
export function tickCopyRows(part: number, rows: readonly TickRow[]): Buffer {
  const out = Buffer.allocUnsafe(rows.length * ROW_BYTES);
  let at = 0;
  for (const [ts, seq, price, size] of rows) {
    at = out.writeInt16BE(5, at);
    at = out.writeInt32BE(4, at);
    at = out.writeInt32BE(part, at);
    at = int8(out, at, ts);
    at = int8(out, at, seq);
    at = out.writeInt32BE(8, at);
    at = out.writeDoubleBE(price, at);
    at = out.writeInt32BE(8, at);
    at = out.writeDoubleBE(size, at);
  }
  return out;
}

/** A safe integer as int8: high and low 32 bits (floor keeps negatives two's complement). */
function int8(out: Buffer, at: number, value: number): number {
  const high = Math.floor(value / TWO_32);
  at = out.writeInt32BE(8, at);
  at = out.writeInt32BE(high, at);
  return out.writeUInt32BE(value - high * TWO_32, at);
}
