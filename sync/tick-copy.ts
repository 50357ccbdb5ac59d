/**
 * Tick rows in PostgreSQL's binary COPY format: numbers go over as their bytes, so the device
 * formats no decimals and the server parses none (a double's shortest decimal is the dearest
 * part of the text format on both sides). A row is a prefix that is the same for every row of
 * a chunk — the field count and the leading fields: the chunk's place in its upload for a
 * staging table, or workspace and symbol for `tpj.tick_data` itself — then ts, seq, price, size.
 */
import { createHash } from 'node:crypto';

/** Signature, flags, header extension length. */
export const COPY_BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);

/** A field count of -1 ends the data. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** ts, seq, price, size: each a length word and eight bytes. */
const NUMBERS_BYTES = 4 * (4 + 8);

/** What a chunk's hash reads per row: ts and seq as int8, price and size as float8, big-endian. */
export const HASHED_ROW_BYTES = 4 * 8;

const TWO_32 = 4_294_967_296;

/** ts, seq, price, size. */
export type TickRow = [number, number, number, number];

/** Rows of a staging table (part int4, ts int8, seq int8, price float8, size float8). */
export function stagePrefix(part: number): Buffer {
  const out = Buffer.alloc(2 + 4 + 4);
  let at = out.writeInt16BE(5, 0);
  at = out.writeInt32BE(4, at);
  out.writeInt32BE(part, at);
  return out;
}

/** Rows of `tpj.tick_data (workspace_id, symbol, ts, seq, price, size)`. */
export function cloudPrefix(workspaceId: string, symbol: string): Buffer {
  const workspace = Buffer.from(workspaceId, 'utf8');
  const name = Buffer.from(symbol, 'utf8');
  const out = Buffer.alloc(2 + 4 + workspace.length + 4 + name.length);
  let at = out.writeInt16BE(6, 0);
  at = out.writeInt32BE(workspace.length, at);
  at += workspace.copy(out, at);
  at = out.writeInt32BE(name.length, at);
  name.copy(out, at);
  return out;
}

/**
 * One chunk's rows as COPY data, and its sha256: over the rows' numbers packed as
 * `HASHED_ROW_BYTES` each, in the order given — the bytes PostgreSQL's `int8send` and
 * `float8send` give, so the server can hash what it stores the same way (`TICK_ECHO`).
 */
export function encodeTickRows(prefix: Buffer, rows: readonly TickRow[]): { copy: Buffer; sha256: string } {
  const copy = Buffer.allocUnsafe(rows.length * (prefix.length + NUMBERS_BYTES));
  const hashed = Buffer.allocUnsafe(rows.length * HASHED_ROW_BYTES);
  let at = 0;
  let h = 0;
  for (const [ts, seq, price, size] of rows) {
    copy.set(prefix, at);
    at += prefix.length;
    at = copy.writeInt32BE(8, at);
    at = int8(copy, at, ts);
    at = copy.writeInt32BE(8, at);
    at = int8(copy, at, seq);
    at = copy.writeInt32BE(8, at);
    at = copy.writeDoubleBE(price, at);
    at = copy.writeInt32BE(8, at);
    at = copy.writeDoubleBE(size, at);
    h = int8(hashed, h, ts);
    h = int8(hashed, h, seq);
    h = hashed.writeDoubleBE(price, h);
    h = hashed.writeDoubleBE(size, h);
  }
  return { copy, sha256: createHash('sha256').update(hashed).digest('hex') };
}

/**
 * The server's count and sha256 of rows `d` of `tpj.tick_data`, hashed as `encodeTickRows`
 * hashes them. An aggregate over no rows hashes NULL: the count says there was nothing.
 */
export const TICK_ECHO = `count(*) AS count, encode(sha256(string_agg(int8send(d.ts) || int8send(d.seq)
  || float8send(d.price) || float8send(d.size), ''::bytea ORDER BY d.ts, d.seq)), 'hex') AS sha256`;

/** A safe integer as int8: high and low 32 bits (floor keeps negatives two's complement). */
function int8(out: Buffer, at: number, value: number): number {
  const high = Math.floor(value / TWO_32);
  at = out.writeInt32BE(high, at);
  return out.writeUInt32BE(value - high * TWO_32, at);
}
