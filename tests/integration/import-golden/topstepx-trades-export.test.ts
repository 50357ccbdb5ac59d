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
  type TradeView,
} from '../../support/import-golden';
import { tempCore } from '../../support/temp-core';

const FILE = 'topstepx-trades-export.csv';
const ACCOUNT = 'TopstepX trades export account';

function countBySymbol(trades: readonly TradeView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const x of trades) counts[x.symbol] = (counts[x.symbol] ?? 0) + 1;
  return counts;
}

// 486 round-trip rows (April–August 2025) become 972 fills, an entry and an exit per row, each
// carrying half the row's Fees. Times carry their offset ("-04:00"), so no zone is assumed.
// Point values: MNQ $2, MES $5, MGC $10, MBT $0.10.
//
// The journal's trades are positions, not rows: rows whose holding times overlap in one contract
// (a scale-in, or several entries closed by one exit) are one trade, because the position never
// went flat between them. Walking the 972 entry and exit times per contract in order, and
// counting each return to flat, gives (counted with a script written apart from the importer,
// not with it): MNQM5 365 rows → 243 trades, MNQU5 97 → 71, MESM5 13 → 12, MBTK5 7 → 5,
// MGCM5 3 → 2, MBTJ5 1 → 1: 334 trades, all closed. No entry shares its second with an
// opposite fill of the same contract, so the count does not depend on how ties are ordered.
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('turns 486 round-trip rows into 334 positions whose P&L adds up to the file’s', async () => {
    const { preview, summary } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('topstepx');
    expect(preview.totals).toMatchObject({ executions: 972, new: 972, duplicate: 0, ignored: 0, errors: 0 });
    // Every time has an offset: nothing for the trader to check.
    expect(warningTexts(preview)).toEqual([]);
    expect(summary.accountsCreated).toEqual([ACCOUNT]);

    const trades = await journalTrades(t);
    expect(tradeCounts(trades)).toEqual({ closed: 334, open: 0 });
    expect(countBySymbol(trades)).toEqual({ MNQM5: 243, MNQU5: 71, MESM5: 12, MBTK5: 5, MGCM5: 2, MBTJ5: 1 });
    // Cross-check with the broker: the PnL column adds up to $3,891.75 and the Fees column to
    // $398.36 over the 486 rows. Merging rows into positions moves no money, so our gross is
    // the file's PnL total, our fees its Fees total, and net = 3,891.75 − 398.36 = $3,493.39.
    expect(total(trades, 'grossPnl')).toBe('3891.75');
    expect(total(trades, 'fees')).toBe('398.36');
    expect(netByAccount(trades)).toEqual({ [ACCOUNT]: '3493.39' });

    // Line 2, the file's first row, alone in its position: MBTK5 long 1 @ 100285 → 101010 on
    // 05/08/2025 11:22:07 → 11:27:06 −04:00. 725 pt × $0.10 = $72.50 (PnL 72.5); Fees 2.34.
    expect(tradeOpenedAt(trades, 'MBTK5', '2025-05-08T15:22:07.000Z')).toEqual({
      account: ACCOUNT,
      symbol: 'MBTK5',
      side: 'long',
      status: 'closed',
      quantity: '1',
      entryPrice: '100285',
      exitPrice: '101010',
      grossPnl: '72.5',
      fees: '2.34',
      netPnl: '70.16',
      currency: 'USD',
      openedAt: '2025-05-08T15:22:07.000Z',
      closedAt: '2025-05-08T15:27:06.000Z',
    });

    // Lines 3–5, held overnight: MNQM5 bought 1 @ 20029.00 (05/06 22:04:12 −04:00 = 05/07 02:04:12Z),
    // 1 @ 20031.25 (22:07:25) and 2 @ 19992.25 (22:27:36), all sold @ 20012.00 at 05/07 07:26:09.
    // Cost 20029 + 20031.25 + 39984.50 = 80044.75 (average 20011.1875), proceeds 80048:
    // 3.25 pt × $2 = $6.50, which is the rows' PnL −34 − 38.50 + 79. Fees 0.74 + 0.74 + 1.48 = 2.96.
    expect(tradeOpenedAt(trades, 'MNQM5', '2025-05-07T02:04:12.000Z')).toMatchObject({
      side: 'long',
      quantity: '4',
      entryPrice: '20011.1875',
      exitPrice: '20012',
      grossPnl: '6.5',
      fees: '2.96',
      netPnl: '3.54',
      closedAt: '2025-05-07T11:26:09.000Z',
    });

    // Line 157, a 10-lot held 0.37 s: MNQM5 long 10 @ 18913.75 → 18912.00 on 04/03 12:00:47 −04:00.
    // −1.75 pt × 10 × $2 = −$35 (PnL −35); Fees 7.40 (10 × $0.74) → −$42.40.
    expect(tradeOpenedAt(trades, 'MNQM5', '2025-04-03T16:00:47.000Z')).toMatchObject({
      side: 'long',
      quantity: '10',
      entryPrice: '18913.75',
      exitPrice: '18912',
      grossPnl: '-35',
      fees: '7.4',
      netPnl: '-42.4',
      closedAt: '2025-04-03T16:00:48.000Z',
    });

    // Line 378, a short across UTC midnight in the evening session: MNQM5 sold 1 @ 18841.75 at
    // 04/14 19:47:44 −04:00, bought back @ 18872.25 at 20:00:06. −30.50 pt × $2 = −$61; Fees 0.74.
    expect(tradeOpenedAt(trades, 'MNQM5', '2025-04-14T23:47:44.000Z')).toMatchObject({
      side: 'short',
      quantity: '1',
      entryPrice: '18841.75',
      exitPrice: '18872.25',
      grossPnl: '-61',
      fees: '0.74',
      netPnl: '-61.74',
      closedAt: '2025-04-15T00:00:06.000Z',
    });

    // Line 158, the one MBT short: sold 1 @ 103550 at 05/14 21:42:43 −04:00, bought @ 103510 at
    // 21:49:38. 40 pt × $0.10 = $4 (PnL 4); Fees 2.34 → $1.66.
    expect(tradeOpenedAt(trades, 'MBTK5', '2025-05-15T01:42:43.000Z')).toMatchObject({
      side: 'short',
      entryPrice: '103550',
      exitPrice: '103510',
      grossPnl: '4',
      fees: '2.34',
      netPnl: '1.66',
      closedAt: '2025-05-15T01:49:38.000Z',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 972);
  });
});
