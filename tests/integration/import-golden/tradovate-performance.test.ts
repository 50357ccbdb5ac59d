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

const FILE = 'tradovate-performance.csv';
const ACCOUNT = 'Tradovate Performance report account';

// 39 FIFO pair rows from one session on 12/10/2024, MNQZ4 ($2 a point) and MBTZ4 (0.1 BTC:
// $0.10 a point). Rows are pairs, not fills: the 34 distinct buyFillIds and 18 sellFillIds
// are the 52 real fills. Times have no zone and are read as Chicago time (CST, UTC−6), so
// 09:42:40 is 15:42:40Z. The report has no commissions: fees are 0 and net = gross.
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('rebuilds the fills behind the pairs and makes the 9 round trips of the session', async () => {
    const { preview, summary } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('tradovate-performance');
    expect(preview.totals).toMatchObject({ executions: 52, new: 52, duplicate: 0, ignored: 0, errors: 0 });
    // The file names no account, so the trades go to a new account named after the format.
    expect(summary.accountsCreated).toEqual([ACCOUNT]);
    // What the trader is told about the two gaps in the file: no commissions, no time zone.
    expect(warningTexts(preview)).toEqual([
      'the Performance report has no commissions; fees are set to 0',
      'times have no zone; read as America/Chicago',
    ]);

    const trades = await journalTrades(t);
    // The position goes flat 9 times: MNQZ4 after rows 2–6, 17–18, 19–20, 21–32, 33–34, 39–40
    // and MBTZ4 after rows 7–16, 35–37, 38.
    expect(tradeCounts(trades)).toEqual({ closed: 9, open: 0 });
    // Cross-check with the broker: the pnl column adds up to
    //   −58.50 − 18 − 6.50 + 32 + 14.50 (−36.50, rows 2–6) − 202.50 (rows 7–16) − 81 − 54 − 15
    //   + 136.50 + 137 − 98 + 226.50 = $13.00, and with no fees in the file net = gross = $13.
    expect(netByAccount(trades)).toEqual({ [ACCOUNT]: '13' });
    expect(total(trades, 'fees')).toBe('0');

    // Rows 2–6: buys 602 (3 @ 21540.00), 606 (3+1 @ 21534.25), 622 (2+1 @ 21523.00) = 10 for
    // 215,326.00, average 21532.6; sells 628 (3 @ 21530.25), 636 (3 @ 21531.25), 650 (1+2 @ 21531.00),
    // 666 (1 @ 21530.25) = 215,307.75, average 21530.775. −18.25 pt × $2 = −$36.50, the rows' pnl sum.
    expect(tradeOpenedAt(trades, 'MNQZ4', '2024-12-10T15:50:11.000Z')).toEqual({
      account: ACCOUNT,
      symbol: 'MNQZ4',
      side: 'long',
      status: 'closed',
      quantity: '10',
      entryPrice: '21532.6',
      exitPrice: '21530.775',
      grossPnl: '-36.5',
      fees: '0',
      netPnl: '-36.5',
      currency: 'USD',
      openedAt: '2024-12-10T15:50:11.000Z',
      closedAt: '2024-12-10T15:53:45.000Z',
    });

    // Rows 7–16, sell fill 147190162738 split over 8 pairs: bought 3 @ 96940 + 96975 + 97185
    // + 96850 + 96435 + 96440 + 96435 + 96385 = 967,525 (average 96752.5); sold 2 @ 96530 and
    // 8 @ 96555 = 965,500 (96550). −2,025 × $0.10 = −$202.50, as the ten pnl cells add up to.
    expect(tradeOpenedAt(trades, 'MBTZ4', '2024-12-10T15:42:40.000Z')).toMatchObject({
      side: 'long',
      quantity: '10',
      entryPrice: '96752.5',
      exitPrice: '96550',
      grossPnl: '-202.5',
      netPnl: '-202.5',
      closedAt: '2024-12-10T15:57:00.000Z',
    });

    // Rows 19–20, a short (sold before bought): sold 3 @ 21489.50 at 10:01:23 and 3 more at
    // 10:01:40, bought 6 back @ 21494.00 at 10:01:56: −4.50 pt × 6 × $2 = −$54 (pnl −27 − 27).
    expect(tradeOpenedAt(trades, 'MNQZ4', '2024-12-10T16:01:23.000Z')).toMatchObject({
      side: 'short',
      quantity: '6',
      entryPrice: '21489.5',
      exitPrice: '21494',
      grossPnl: '-54',
      netPnl: '-54',
      closedAt: '2024-12-10T16:01:56.000Z',
    });

    // Rows 21–32, sell fill 147190162923 split over 10 pairs: 12 buys of 3 (21510.00, 21511.75,
    // 21511.75, 21503.50, 21484.75, 21484.25, 21484.50, 21479.50, 21479.25, 21477.50, 21476.75,
    // 21479.00: sum 257,882.50, so 36 cost 773,647.50, average 21490.208333…, shown to 10 places).
    // Sold 6 @ 21513.75 at 10:04:38 (position 9 → 3), then it built back to 30 and sold 30 @ 21485.25:
    // 129,082.50 + 644,557.50 = 773,640.00 (average 21490). −7.50 pt × $2 = −$15, the rows' pnl sum.
    // The largest position held was 30.
    expect(tradeOpenedAt(trades, 'MNQZ4', '2024-12-10T16:04:33.000Z')).toMatchObject({
      side: 'long',
      quantity: '30',
      entryPrice: '21490.2083333333',
      exitPrice: '21490',
      grossPnl: '-15',
      netPnl: '-15',
      closedAt: '2024-12-10T16:12:01.000Z',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 52);
  });
});
