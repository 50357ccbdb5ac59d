import { describe, expect, it } from 'vitest';
import type { ParsedExecution } from '../../../shared/import/types';
import { DedupeKeys } from './dedupe';

const fill: ParsedExecution = {
  brokerExecId: null,
  orderId: null,
  account: 'ACC1',
  symbol: 'AAPL',
  assetClass: 'stock',
  side: 'buy',
  quantity: '100',
  price: '187.5',
  fee: '1',
  currency: 'USD',
  executedAt: 1_700_000_000_000,
  line: 2,
};

describe('dedupe keys', () => {
  it('never change across versions: journals already hold them, and a changed key would re-import every fill', () => {
    const keys = new DedupeKeys();
    // sha256("ACC1|AAPL|buy|100|187.5|1700000000000|"), base64url, first 32 characters.
    expect(keys.keyOf(fill)).toBe('h:1SdTOYu-nMKLbEOzrkTp2FSOKr0Gd0eN:0');
    expect(keys.keyOf({ ...fill, brokerExecId: 'E-42' })).toBe('x:E-42');
  });

  it('numbers identical fills in one file by occurrence, and starts again for the next file', () => {
    const first = new DedupeKeys();
    expect([first.keyOf(fill), first.keyOf({ ...fill, line: 3 })].map((k) => k.slice(-2))).toEqual([':0', ':1']);
    expect(new DedupeKeys().keyOf(fill)).toBe(first.keyOf(fill).replace(/:2$/, ':0'));
  });
});
