import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  describeRealBrokerFile,
  expectReimportChangesNothing,
  importBrokerFile,
  journalTrades,
  netByAccount,
  tradeCounts,
  tradeOpenedAt,
  warningTexts,
  type Journal,
  type TradeView,
} from '../../support/import-golden';
import { tempCore } from '../../support/temp-core';

const FILE = 'tradovate-position-history.csv';

// Five pair rows of one MNQM6 position ($2 a point) on 04/09/2026 in account ACCOUNT-REDACTED.
// Each pair is its own round trip (no two overlap in time), so 10 fills make 5 trades. Times
// are read as Chicago time (CDT in April, UTC−5): 15:30:37 is 20:30:37Z. No commissions.
// Our P&L must equal the P/L column pair by pair: 5 × (25072.00 − 25073.25) × $2 = −12.50 etc.
// The position-level columns (Bought 24 @ 25065.97, Sold 24 @ 25061.03) cover 9 contracts more
// than the pairs do, so they cannot be compared; the importer warns about exactly that.
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('makes one trade per pair, with the P/L the file states', async () => {
    const { preview } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('tradovate-position-history');
    expect(preview.totals).toMatchObject({ executions: 10, new: 10, duplicate: 0, ignored: 0, errors: 0 });
    // 5 + 1 + 2 + 2 + 5 = 15 paired of the 24 bought and sold: 9 are missing from the file.
    expect(warningTexts(preview)).toEqual([
      'position 465747740010: pairs cover 15 of 24 bought and 24 sold; fills for the other 9 are not in this file',
      'Position History has no commissions; fees are set to 0',
      'times have no zone; read as America/Chicago',
    ]);

    const trades = await journalTrades(t);
    expect(tradeCounts(trades)).toEqual({ closed: 5, open: 0 });
    // P/L column: −12.50 − 24.50 − 39.00 − 52.00 − 90.00 = −218.00; no fees, so net = −218.
    expect(netByAccount(trades)).toEqual({ 'ACCOUNT-REDACTED': '-218' });

    // Line 6, a short (sell fill …075 at 15:30:37 before buy fill …096 at 15:30:48):
    // 5 × (25073.75 − 25082.75) = −9 pt × 5 × $2 = −$90.00, as P/L says.
    expect(tradeOpenedAt(trades, 'MNQM6', '2026-04-09T20:30:37.000Z')).toEqual({
      account: 'ACCOUNT-REDACTED',
      symbol: 'MNQM6',
      side: 'short',
      status: 'closed',
      quantity: '5',
      entryPrice: '25073.75',
      exitPrice: '25082.75',
      grossPnl: '-90',
      fees: '0',
      netPnl: '-90',
      currency: 'USD',
      openedAt: '2026-04-09T20:30:37.000Z',
      closedAt: '2026-04-09T20:30:48.000Z',
    });
    // Line 5, the other short: 2 × (25051.00 − 25064.00) × $2 = −$52.00.
    expect(tradeOpenedAt(trades, 'MNQM6', '2026-04-09T20:36:31.000Z')).toMatchObject({
      side: 'short',
      quantity: '2',
      entryPrice: '25051',
      exitPrice: '25064',
      grossPnl: '-52',
      netPnl: '-52',
      closedAt: '2026-04-09T20:37:06.000Z',
    });
    // Line 4, a long: 2 × (25044.00 − 25053.75) × $2 = −$39.00.
    expect(tradeOpenedAt(trades, 'MNQM6', '2026-04-09T20:37:35.000Z')).toMatchObject({
      side: 'long',
      quantity: '2',
      entryPrice: '25053.75',
      exitPrice: '25044',
      grossPnl: '-39',
      netPnl: '-39',
      closedAt: '2026-04-09T20:38:00.000Z',
    });
    // Line 3, a long: 1 × (25048.50 − 25060.75) × $2 = −$24.50.
    expect(tradeOpenedAt(trades, 'MNQM6', '2026-04-09T20:38:40.000Z')).toMatchObject({
      side: 'long',
      quantity: '1',
      entryPrice: '25060.75',
      exitPrice: '25048.5',
      grossPnl: '-24.5',
      netPnl: '-24.5',
      closedAt: '2026-04-09T20:40:03.000Z',
    });
  });

  // Line 2 pairs buy fill 465747740203 with sell fill 465747740221, both stamped 17:14:44 (a
  // zero-duration pair). Tradovate numbers fills in the order they happen and the row lists the
  // buy first, so it was a long: bought 5 @ 25073.25, sold @ 25072.00, 5 × −1.25 × $2 = −$12.50.
  // The trader must see the same trade whichever journal the file goes into, so it is checked
  // over several fresh journals.
  it('reads the zero-duration pair on line 2 as the same long trade in every journal', async () => {
    const seen: TradeView[] = [];
    for (let i = 0; i < 8; i++) {
      const other = tempCore();
      try {
        await importBrokerFile(other, FILE);
        seen.push(tradeOpenedAt(await journalTrades(other), 'MNQM6', '2026-04-09T22:14:44.000Z'));
      } finally {
        other.dispose();
      }
    }
    const expected = {
      account: 'ACCOUNT-REDACTED',
      symbol: 'MNQM6',
      side: 'long',
      status: 'closed',
      quantity: '5',
      entryPrice: '25073.25',
      exitPrice: '25072',
      grossPnl: '-12.5',
      fees: '0',
      netPnl: '-12.5',
      currency: 'USD',
      openedAt: '2026-04-09T22:14:44.000Z',
      closedAt: '2026-04-09T22:14:44.000Z',
    };
    expect(seen).toEqual(Array.from({ length: 8 }, () => expected));
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 10);
  });
});
