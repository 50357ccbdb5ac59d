import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  describeRealBrokerFile,
  expectReimportChangesNothing,
  importBrokerFile,
  journalTrades,
  netByAccount,
  tradeCounts,
  tradeOpenedAt,
  type Journal,
} from '../../support/import-golden';
import { tempCore } from '../../support/temp-core';

const FILE = 'ibkr-flex-report.xml';

// Four <Trade> executions in account U1234567, stocks (multiplier 1). dateTime has no zone and is
// read as New York time: 20260126;115715 is EST (UTC−5) → 16:57:15Z; the May and June times are
// EDT (UTC−4). IBKR writes commissions as negatives; the fee is their absolute value. Neither
// position is closed in the file, so both trades stay open; an open trade's gross is what its
// exits so far realized (FIFO) and its fees are everything charged so far.
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('keeps GOLD and AAPL open, with the part of GOLD already sold realized', async () => {
    const { preview, summary } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('ibkr-flex-xml');
    // The <OpenPosition> snapshot is not a fill: it is counted as ignored. It says 340 AAPL are
    // held while the fills here add up to 240 (the other 100 were bought before the period);
    // the importer shows no warning about that gap, so there is no text to assert here.
    expect(preview.totals).toMatchObject({ executions: 4, new: 4, duplicate: 0, ignored: 1, errors: 0 });
    expect(summary.accountsCreated).toEqual(['U1234567']);

    const trades = await journalTrades(t);
    expect(tradeCounts(trades)).toEqual({ closed: 0, open: 2 });
    // 104.4341686 (GOLD) − 1.20072 (AAPL) = 103.2334486.
    expect(netByAccount(trades)).toEqual({ U1234567: '103.2334486' });

    // Lines 8–9: bought 691 GOLD @ 43.10 (commission −3.455), sold 100 @ 44.19 (−1.1108314).
    // Realized 100 × (44.19 − 43.10) = $109; fees 3.455 + 1.1108314 = 4.5658314; net 104.4341686.
    // 591 shares are still held, so the trade is open; its size is the 691 held at most.
    expect(tradeOpenedAt(trades, 'GOLD', '2026-01-26T16:57:15.000Z')).toEqual({
      account: 'U1234567',
      symbol: 'GOLD',
      side: 'long',
      status: 'open',
      quantity: '691',
      entryPrice: '43.1',
      exitPrice: '44.19',
      grossPnl: '109',
      fees: '4.5658314',
      netPnl: '104.4341686',
      currency: 'USD',
      openedAt: '2026-01-26T16:57:15.000Z',
      closedAt: null,
    });

    // Lines 10–11, two executions of order ORD00003 in the same second: 103 + 137 = 240 AAPL
    // @ 300 at 09:30:04 EDT. Nothing sold: gross 0; fees 1.000309 + 0.200411 = 1.20072.
    expect(tradeOpenedAt(trades, 'AAPL', '2026-05-18T13:30:04.000Z')).toEqual({
      account: 'U1234567',
      symbol: 'AAPL',
      side: 'long',
      status: 'open',
      quantity: '240',
      entryPrice: '300',
      exitPrice: null,
      grossPnl: '0',
      fees: '1.20072',
      netPnl: '-1.20072',
      currency: 'USD',
      openedAt: '2026-05-18T13:30:04.000Z',
      closedAt: null,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 4);
  });
});
