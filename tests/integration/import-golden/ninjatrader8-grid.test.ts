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
} from '../../support/import-golden';
import { tempCore } from '../../support/temp-core';

const FILE = 'ninjatrader8-grid.csv';

// 55 fills on 1/28/2025 in four accounts: Sim101 trades MNQ 10-lots (commission $0.00), and
// three copied accounts trade NQ 1-lots at $1.55 a fill. Times have no zone; the importer reads
// them as New York time (EST in January, UTC−5) and says so, so 10:59:52 AM is 15:59:52Z.
// MNQ is $2 a point, NQ $20.
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('turns the grid into 24 round trips with exact P&L per account', async () => {
    const { preview, summary } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('ninjatrader8');
    expect(preview.totals).toMatchObject({ executions: 55, new: 55, duplicate: 0, ignored: 0, errors: 0 });
    expect(warningTexts(preview)).toEqual(['times have no zone; read as America/New_York']);
    expect(summary.accountsCreated.sort()).toEqual([
      'ACCOUNT-REDACTED-1',
      'ACCOUNT-REDACTED-2',
      'ACCOUNT-REDACTED-3',
      'Sim101',
    ]);

    const trades = await journalTrades(t);
    // Sim101's Position column returns to "-" after each of its 6 exits (lines 5, 8, 11, 13,
    // 16, 20); each copied account alternates one buy and one sell of 1 lot (12 rows → 6 trades).
    expect(tradeCounts(trades)).toEqual({ closed: 24, open: 0 });

    // Sim101, points per trade × 10 contracts × $2, no commission:
    //   −38.75 (below), lines 6–8 −41.50, lines 9–11 −38.25, lines 12–13 −37.50,
    //   lines 14–16 −41.25, lines 17–20 +242.00 → −77.5 − 83 − 76.5 − 75 − 82.5 + 484 = 89.5.
    // ACCOUNT-REDACTED-1, exit − entry per 1-lot: −4, −4.25, −4, −4, −4, +23.75 = 3.5 pt × $20 = 70,
    //   minus 12 fills × $1.55 = 18.60 → 51.40.
    // ACCOUNT-REDACTED-2 and -3 (the same prices): −3, −4.25, −4.25, −4, −4, +24.5 = 5 pt × $20 = 100
    //   − 18.60 = 81.40.
    expect(netByAccount(trades)).toEqual({
      Sim101: '89.5',
      'ACCOUNT-REDACTED-1': '51.4',
      'ACCOUNT-REDACTED-2': '81.4',
      'ACCOUNT-REDACTED-3': '81.4',
    });

    // Lines 2–5, one order filled in two parts on each side: bought 9 @ 21539.50 and
    // 1 @ 21539.75 (215,395.25 → average 21539.525), sold 6 @ 21535.75 and 4 @ 21535.50
    // (215,356.50 → 21535.65). (215,356.50 − 215,395.25) = −38.75 pt × $2 = −77.50; $0.00 commission.
    expect(tradeOpenedAt(trades, 'MNQ MAR25', '2025-01-28T15:59:52.000Z', 'Sim101')).toEqual({
      account: 'Sim101',
      symbol: 'MNQ MAR25',
      side: 'long',
      status: 'closed',
      quantity: '10',
      entryPrice: '21539.525',
      exitPrice: '21535.65',
      grossPnl: '-77.5',
      fees: '0',
      netPnl: '-77.5',
      currency: 'USD',
      openedAt: '2025-01-28T15:59:52.000Z',
      closedAt: '2025-01-28T16:01:29.000Z',
    });

    // Lines 17–20, the winner: bought 6 @ 21517.75 + 4 @ 21518.00 (215,178.50 → 21517.85) at
    // 11:11:00 AM, sold 2 @ 21542.25 + 8 @ 21542.00 (215,420.50 → 21542.05) at 11:17:43 AM:
    // 242 pt × $2 = $484.
    expect(tradeOpenedAt(trades, 'MNQ MAR25', '2025-01-28T16:11:00.000Z', 'Sim101')).toMatchObject({
      side: 'long',
      quantity: '10',
      entryPrice: '21517.85',
      exitPrice: '21542.05',
      grossPnl: '484',
      fees: '0',
      netPnl: '484',
      closedAt: '2025-01-28T16:17:43.000Z',
    });

    // Lines 31–32, the copier's fill of the same winner, a tick worse than its siblings on the
    // way out: 1 @ 21517.75 → 21541.50 = 23.75 pt × $20 = $475; 2 × $1.55 = $3.10; net $471.90.
    expect(tradeOpenedAt(trades, 'NQ MAR25', '2025-01-28T16:11:00.000Z', 'ACCOUNT-REDACTED-1')).toMatchObject({
      side: 'long',
      quantity: '1',
      entryPrice: '21517.75',
      exitPrice: '21541.5',
      grossPnl: '475',
      fees: '3.1',
      netPnl: '471.9',
      closedAt: '2025-01-28T16:17:44.000Z',
    });

    // Lines 33–34, a copier that entered one second before Sim101: 1 @ 21538.75 → 21535.75 at
    // 11:01:29 AM = −3 pt × $20 = −$60; −$3.10 commission → −$63.10.
    expect(tradeOpenedAt(trades, 'NQ MAR25', '2025-01-28T15:59:51.000Z', 'ACCOUNT-REDACTED-2')).toMatchObject({
      side: 'long',
      entryPrice: '21538.75',
      exitPrice: '21535.75',
      grossPnl: '-60',
      fees: '3.1',
      netPnl: '-63.1',
      closedAt: '2025-01-28T16:01:29.000Z',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 55);
  });
});
