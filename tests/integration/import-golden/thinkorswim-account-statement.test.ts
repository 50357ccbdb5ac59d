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

const FILE = 'thinkorswim-account-statement.csv';
const ACCOUNT = '00*****XX (exampleaccount)';

// The 11 fills are the Account Trade History rows (lines 51–61, times to the minute). Each is
// matched to its TRD line in Cash Balance (lines 5–15), which gives the second and the fee
// (Misc Fees). Times have no zone and are read as New York time (EST on 11/12/2022, UTC−5),
// so 10:04:09 is 15:04:09Z. Ten Order History rows were CANCELED and are counted as ignored.
// Every fill is a plain stock leg: the file has no spreads, so no spread-leg warning applies.
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('makes the AMZN short and the PYPL long with the fees from the cash lines', async () => {
    const { preview, summary } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('thinkorswim');
    expect(preview.totals).toMatchObject({ executions: 11, new: 11, duplicate: 0, ignored: 10, errors: 0 });
    // Every fill found its cash line, so the only thing to tell the trader is the assumed zone.
    expect(warningTexts(preview)).toEqual(['times have no zone; read as America/New_York']);
    expect(summary.accountsCreated).toEqual([ACCOUNT]);

    const trades = await journalTrades(t);
    expect(tradeCounts(trades)).toEqual({ closed: 2, open: 0 });
    // Cross-check with the broker: the cash lines' AMOUNT cells add up to 965 + 1,930 − 2,891.97
    // − 4,017 − 3,993 − 3,966 + 159.96 + 106.64 + 3,732.40 + 3,996 + 3,996 = 18.03 (our gross) and
    // Misc Fees to 0.51 (the TOTAL row's $0.51, our fees). Net 18.03 − 0.51 = 17.52 is exactly
    // how far BALANCE moved: from 25,684.07 before line 5 (26,649.04 − 965 + 0.03) to 25,701.59.
    // The TOTAL row itself says $18.05 and $25,701.61, 0.02 more than its own rows add up to
    // (the source's figures look edited, see SOURCES.md); we follow the rows.
    expect(total(trades, 'grossPnl')).toBe('18.03');
    expect(total(trades, 'fees')).toBe('0.51');
    expect(netByAccount(trades)).toEqual({ [ACCOUNT]: '17.52' });

    // Lines 60–61 + 5–6 (SOLD TO OPEN, a short sale): sold 100 @ 9.65 at 10:04:09 (fee 0.03) and
    // 200 @ 9.65 at 10:04:10 (fee 0.07); line 59 + 7: bought 300 back @ 9.6399 at 10:16:16.
    // 300 × (9.65 − 9.6399) = 300 × 0.0101 = $3.03; fees $0.10 → $2.93.
    expect(tradeOpenedAt(trades, 'AMZN', '2022-11-12T15:04:09.000Z')).toEqual({
      account: ACCOUNT,
      symbol: 'AMZN',
      side: 'short',
      status: 'closed',
      quantity: '300',
      entryPrice: '9.65',
      exitPrice: '9.6399',
      grossPnl: '3.03',
      fees: '0.1',
      netPnl: '2.93',
      currency: 'USD',
      openedAt: '2022-11-12T15:04:09.000Z',
      closedAt: '2022-11-12T15:16:16.000Z',
    });

    // PYPL: bought 300 @ 13.39 (10:31:44), 300 @ 13.31 (11:01:42), 300 @ 13.22 (11:14:40) =
    // 11,976 for 900 (average 13.306666…, shown to 10 places). Sold in partial fills 12 + 8 + 280
    // @ 13.33 at 11:27:19 (3,999) and 300 + 300 @ 13.32 at 11:27:43 (7,992) = 11,991 (average
    // 13.323333…): 11,991 − 11,976 = $15. Misc Fees 0.01 + 0.01 + 0.13 + 0.13 + 0.13 = $0.41.
    expect(tradeOpenedAt(trades, 'PYPL', '2022-11-12T15:31:44.000Z')).toMatchObject({
      side: 'long',
      quantity: '900',
      entryPrice: '13.3066666667',
      exitPrice: '13.3233333333',
      grossPnl: '15',
      fees: '0.41',
      netPnl: '14.59',
      closedAt: '2022-11-12T16:27:43.000Z',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 11);
  });
});
