import { describe, expect, it } from 'vitest';
import { COPY_BINARY_HEADER, tickCopyRows, type TickRow } from './tick-copy';

/** The same row as PostgreSQL's binary COPY spells it, built with BigInt for the int8s. */
function expected(part: number, [ts, seq, price, size]: TickRow): Buffer {
  const out = Buffer.alloc(58);
  let at = out.writeInt16BE(5, 0);
  at = out.writeInt32BE(4, at);
  at = out.writeInt32BE(part, at);
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

describe('tick rows in binary COPY', () => {
  it('spells int8s exactly, past 32 bits and below zero, and doubles bit for bit', () => {
    const rows: TickRow[] = [
      [1_741_012_200_000_000, 0, 5800.25, 1],
      [2 ** 53 - 1, 4_294_967_296, 0.1 + 0.2, -0],
      [-1, -4_294_967_297, -5800.75, Number.MIN_VALUE],
      [-(2 ** 53 - 1), 1, 1e300, 3],
    ];
    expect(tickCopyRows(7, rows)).toEqual(Buffer.concat(rows.map((row) => expected(7, row))));
  });

  it('starts with the binary COPY signature', () => {
    expect(COPY_BINARY_HEADER.subarray(0, 11)).toEqual(Buffer.from([80, 71, 67, 79, 80, 89, 10, 255, 13, 10, 0]));
    expect(COPY_BINARY_HEADER.length).toBe(19);
  });
});
