import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  describeRealBrokerFile,
  expectReimportChangesNothing,
  importBrokerFile,
  journalTrades,
  netByAccount,
  total,
  tradeCounts,
  tradeOpenedAt,
  warningTexts,
  type Journal,
} from '../../support/import-golden';
import { tempCore } from '../../support/temp-core';

const FILE = 'tradezero.csv';

// 15 stock fills on 08/08/2022 in account XY000001. SS/BC are short sell / buy to cover. Exec
// Time is US Eastern (EDT, UTC−4), TradeZero's own zone, so 09:47:59 is 13:47:59Z. A fill's fee
// is the sum of its fee columns (here only SEC and TAF), which on every row equals Gross − Net
// Proceeds, so there is no proceeds warning.
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('makes 5 round trips whose P&L matches the Gross and Net Proceeds columns', async () => {
    const { preview } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('tradezero');
    expect(preview.totals).toMatchObject({ executions: 15, new: 15, duplicate: 0, ignored: 0, errors: 0 });
    expect(warningTexts(preview)).toEqual([]);

    const trades = await journalTrades(t);
    // RBLX goes flat after lines 4, 6 and 9; SQ after line 16 (10:09:51, earlier than the rows
    // above it) and after line 14: 5 trades, all closed.
    expect(tradeCounts(trades)).toEqual({ closed: 5, open: 0 });
    // Cross-check with the broker: Gross Proceeds add up to 2494 − 1241.25 − 1247.25 + 5050 − 5072
    // + 5074 − 2526.5 − 2537 (RBLX −6.00) + 9093 − 4533.5 − 2257.75 − 1170 − 1078.8 − 4103.5 + 4091
    // (SQ 40.45) = 34.45, our gross; Net Proceeds add up to 33.76 (RBLX −6.35, SQ 40.11), our net;
    // the 0.69 between them is the fees.
    expect(total(trades, 'grossPnl')).toBe('34.45');
    expect(total(trades, 'fees')).toBe('0.69');
    expect(netByAccount(trades)).toEqual({ XY000001: '33.76' });

    // Lines 2–4, a short covered in two parts: sold 50 @ 49.88 (2,494), covered 25 @ 49.65 and
    // 25 @ 49.89 (1,241.25 + 1,247.25 = 2,488.50, average 49.77): 2,494 − 2,488.50 = $5.50.
    // Fees: SEC 0.06 + TAF 0.01 on the sale = $0.07 → $5.43.
    expect(tradeOpenedAt(trades, 'RBLX', '2022-08-08T13:47:59.000Z')).toEqual({
      account: 'XY000001',
      symbol: 'RBLX',
      side: 'short',
      status: 'closed',
      quantity: '50',
      entryPrice: '49.88',
      exitPrice: '49.77',
      grossPnl: '5.5',
      fees: '0.07',
      netPnl: '5.43',
      currency: 'USD',
      openedAt: '2022-08-08T13:47:59.000Z',
      closedAt: '2022-08-08T13:48:45.000Z',
    });

    // Lines 10–14, SQ short 100 @ 90.93 (9,093) covered 50 @ 90.67 + 25 @ 90.31 + 13 @ 90.00
    // + 12 @ 89.90 = 4,533.50 + 2,257.75 + 1,170 + 1,078.80 = 9,040.05 (average 90.4005):
    // $52.95. Fees SEC 0.21 + TAF 0.02 = $0.23 → $52.72.
    expect(tradeOpenedAt(trades, 'SQ', '2022-08-08T14:25:15.000Z')).toMatchObject({
      side: 'short',
      quantity: '100',
      entryPrice: '90.93',
      exitPrice: '90.4005',
      grossPnl: '52.95',
      fees: '0.23',
      netPnl: '52.72',
      closedAt: '2022-08-08T14:27:25.000Z',
    });

    // Lines 15–16, listed last but traded first (10:09:21 → 10:09:51): long 50 @ 82.07 → 81.82,
    // 4,091 − 4,103.50 = −$12.50; fees on the sale SEC 0.10 + TAF 0.01 → −$12.61.
    expect(tradeOpenedAt(trades, 'SQ', '2022-08-08T14:09:21.000Z')).toMatchObject({
      side: 'long',
      quantity: '50',
      entryPrice: '82.07',
      exitPrice: '81.82',
      grossPnl: '-12.5',
      fees: '0.11',
      netPnl: '-12.61',
      closedAt: '2022-08-08T14:09:51.000Z',
    });

    // Lines 7–9: short 100 @ 50.74 (5,074), covered 50 @ 50.53 + 50 @ 50.74 (2,526.50 + 2,537 =
    // 5,063.50, average 50.635): $10.50; fees 0.12 + 0.02 → $10.36.
    expect(tradeOpenedAt(trades, 'RBLX', '2022-08-08T14:03:01.000Z')).toMatchObject({
      side: 'short',
      exitPrice: '50.635',
      grossPnl: '10.5',
      fees: '0.14',
      netPnl: '10.36',
      closedAt: '2022-08-08T14:05:41.000Z',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 15);
  });
});
