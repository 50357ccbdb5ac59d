import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cloudPrefix, COPY_BINARY_HEADER, encodeTickRows, stagePrefix, type TickRow } from './tick-copy';

/** The numbers of a row as PostgreSQL's binary COPY spells them, built with BigInt for the int8s. */
function numbers([ts, seq, price, size]: TickRow): Buffer {
  const out = Buffer.alloc(48);
  let at = 0;
  for (const value of [ts, seq]) {
    at = out.writeInt32BE(8, at);
    at = out.writeBigInt64BE(BigInt(value), at);
  }
  for (const value of [price, size]) {
    at = out.writeInt32BE(8, at);
    at = out.writeDoubleBE(value, at);
  }
  return out;
}

/** What int8send(ts) || int8send(seq) || float8send(price) || float8send(size) gives. */
function sent([ts, seq, price, size]: TickRow): Buffer {
  const out = Buffer.alloc(32);
  out.writeBigInt64BE(BigInt(ts), 0);
  out.writeBigInt64BE(BigInt(seq), 8);
  out.writeDoubleBE(price, 16);
  out.writeDoubleBE(size, 24);
  return out;
}

const rows: TickRow[] = [
  [1_741_012_200_000_000, 0, 5800.25, 1],
  [2 ** 53 - 1, 4_294_967_296, 0.1 + 0.2, -0],
  [-1, -4_294_967_297, -5800.75, Number.MIN_VALUE],
  [-(2 ** 53 - 1), 1, 1e300, 3],
];

describe('tick rows in binary COPY', () => {
  it('spells int8s exactly, past 32 bits and below zero, and doubles bit for bit, behind a staging prefix', () => {
    const prefix = Buffer.from([0, 5, 0, 0, 0, 4, 0, 0, 0, 7]); // 5 fields; part, an int4 of 7
    expect(stagePrefix(7)).toEqual(prefix);
    const { copy } = encodeTickRows(stagePrefix(7), rows);
    expect(copy).toEqual(Buffer.concat(rows.map((row) => Buffer.concat([prefix, numbers(row)]))));
  });

  it('leads rows for tpj.tick_data with workspace and symbol as text fields', () => {
    const text = (value: string) => {
      const bytes = Buffer.from(value, 'utf8');
      const length = Buffer.alloc(4);
      length.writeInt32BE(bytes.length, 0);
      return Buffer.concat([length, bytes]);
    };
    const prefix = Buffer.concat([Buffer.from([0, 6]), text('wörkspace'), text('ESZ5')]);
    expect(cloudPrefix('wörkspace', 'ESZ5')).toEqual(prefix);
    const { copy } = encodeTickRows(cloudPrefix('wörkspace', 'ESZ5'), rows);
    expect(copy).toEqual(Buffer.concat(rows.map((row) => Buffer.concat([prefix, numbers(row)]))));
  });

  it("hashes the rows as the server's int8send and float8send bytes, in the order given", () => {
    const { sha256 } = encodeTickRows(stagePrefix(0), rows);
    expect(sha256).toBe(
      createHash('sha256')
        .update(Buffer.concat(rows.map(sent)))
        .digest('hex'),
    );
    expect(encodeTickRows(stagePrefix(0), [...rows].reverse()).sha256).not.toBe(sha256);
    expect(encodeTickRows(stagePrefix(0), []).copy.length).toBe(0);
  });

  it('starts with the binary COPY signature', () => {
    expect(COPY_BINARY_HEADER.subarray(0, 11)).toEqual(Buffer.from([80, 71, 67, 79, 80, 89, 10, 255, 13, 10, 0]));
    expect(COPY_BINARY_HEADER.length).toBe(19);
  });
});
