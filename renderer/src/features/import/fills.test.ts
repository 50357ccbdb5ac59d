import { describe, expect, it } from 'vitest';
import { fieldErrorsFromCore, MAX_FILLS, newFill, roundTrip, validateFills, type FillDraft } from './fills';

const NOW = Date.parse('2025-06-01T12:00Z');
const zone = 'America/New_York';

function fill(partial: Partial<Omit<FillDraft, 'key'>>): FillDraft {
  return newFill('2025-03-14T09:30', {
    symbol: 'ES',
    assetClass: 'future',
    quantity: '2',
    price: '5701.25',
    ...partial,
  });
}

describe('validateFills', () => {
  it('turns typed rows into executions with UTC times and exact decimal strings', () => {
    const result = validateFills(
      [
        fill({ symbol: ' mes ', fee: '1.24' }),
        fill({ side: 'sell', price: '5703', executedAt: '2025-03-14T09:45:10' }),
      ],
      zone,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      executions: [
        {
          symbol: 'MES',
          assetClass: 'future',
          side: 'buy',
          quantity: '2',
          price: '5701.25',
          fee: '1.24',
          executedAt: Date.parse('2025-03-14T13:30Z'),
        },
        {
          symbol: 'ES',
          assetClass: 'future',
          side: 'sell',
          quantity: '2',
          price: '5703',
          fee: '0',
          executedAt: Date.parse('2025-03-14T13:45:10Z'),
        },
      ],
    });
  });

  it('reads a decimal comma and a leading point as the trader meant them', () => {
    const result = validateFills([fill({ quantity: '0,5', price: '.75', fee: '-0.10' })], zone, NOW);
    expect(result.ok && result.executions[0]).toMatchObject({ quantity: '0.5', price: '0.75', fee: '-0.10' });
  });

  it('names each wrong field of each row', () => {
    const bad = fill({ symbol: '', quantity: '0', price: '-1', fee: 'abc', executedAt: '2025-03-09T02:30' });
    const good = fill({});
    const result = validateFills([good, bad], zone, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe('One fill needs a correction; see the marked fields.');
    expect(result.errors.has(good.key)).toBe(false);
    expect(result.errors.get(bad.key)).toEqual({
      symbol: 'Enter the symbol.',
      quantity: 'The quantity must be more than zero.',
      price: 'The price cannot be negative.',
      fee: 'Enter a number like 12.5 (no thousands separators).',
      executedAt: 'This time does not exist in America/New_York: the clocks jump forward then.',
    });
  });

  it('refuses thousands separators, missing values and a fill in the future', () => {
    const row = fill({ quantity: '', price: '1,234.50', executedAt: '2025-06-02T09:00' });
    const result = validateFills([row], zone, NOW);
    expect(result.ok ? null : result.errors.get(row.key)).toEqual({
      quantity: 'Enter the quantity.',
      price: 'Enter a number like 12.5 (no thousands separators).',
      executedAt: 'This time is in the future.',
    });
  });

  it('asks for at least one and at most 500 fills', () => {
    expect(validateFills([], zone, NOW)).toMatchObject({ ok: false, message: 'Add at least one fill.' });
    const many = Array.from({ length: MAX_FILLS + 1 }, () => fill({}));
    expect(validateFills(many, zone, NOW)).toMatchObject({ ok: false, message: 'Add at most 500 fills at a time.' });
  });
});

describe('roundTrip', () => {
  it('pre-fills an entry and an opposite exit from the last row', () => {
    const last = fill({ symbol: 'CL', side: 'sell', quantity: '3' });
    const [entry, exit] = roundTrip('2025-03-14T10:00', last);
    expect(entry).toMatchObject({ symbol: 'CL', assetClass: 'future', side: 'sell', quantity: '3', price: '' });
    expect(exit).toMatchObject({ symbol: 'CL', assetClass: 'future', side: 'buy', quantity: '3', price: '' });
    expect(new Set([last.key, entry.key, exit.key]).size).toBe(3);
  });

  it('starts a long round trip when there is no row yet', () => {
    const [entry, exit] = roundTrip('2025-03-14T10:00');
    expect([entry.side, exit.side]).toEqual(['buy', 'sell']);
    expect(entry.executedAt).toBe('2025-03-14T10:00');
  });
});

describe('fieldErrorsFromCore', () => {
  it('puts the core’s field messages on the rows and fields they name', () => {
    const rows = [fill({}), fill({})];
    const errors = fieldErrorsFromCore(
      [
        { path: 'executions.1.price', message: 'cannot be negative' },
        { path: 'accountId', message: 'unknown' },
        { path: 'executions.7.price', message: 'no such row' },
      ],
      rows,
    );
    expect([...errors]).toEqual([[rows[1]?.key, { price: 'cannot be negative' }]]);
  });
});
