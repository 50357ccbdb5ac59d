import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  describeRealBrokerFile,
  expectReimportChangesNothing,
  importBrokerFile,
  journalTrades,
  netByAccountAndCurrency,
  total,
  tradeCounts,
  tradeOpenedAt,
  warningTexts,
  type Journal,
} from '../../support/import-golden';
import { tempCore } from '../../support/temp-core';

const FILE = 'mt4-statement.htm';
const ACCOUNT = 'ACCOUNT-REDACTED';
const USD_QUOTED_PAIRS = new Set(['EURUSD', 'GBPUSD', 'AUDUSD', 'NZDUSD']);

// 124 closed tickets and 1 open one (Sep 2023 – Jan 2024); 3 cancelled buy limits and the
// deposit are ignored. Each ticket is an open fill and a close fill; no two tickets of one symbol
// overlap in time, so every ticket is one journal trade. Currency pairs are sized in units
// (lots × 100,000) and their P&L is in the quote currency (JPY, CAD or USD); gold (XAUUSD), oil
// (XTIUSD) and NDX stay in lots with multiplier 1 because the statement has no contract size.
// Commission goes on the open fill; swap on the close fill (a positive swap is a credit).
// Server times have no zone and are read as UTC (the importer says so).
describeRealBrokerFile(FILE, () => {
  let t: Journal;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('makes one trade per ticket and matches the statement where the currencies allow', async () => {
    const { preview, summary } = await importBrokerFile(t, FILE);
    expect(preview.files[0]?.format?.id).toBe('mt4-html');
    // 124 × 2 + 1 fills; ignored: 3 cancelled buy limits + 1 balance row.
    expect(preview.totals).toMatchObject({ executions: 249, new: 249, duplicate: 0, ignored: 4, errors: 0 });
    // What the trader is told about the file's limits: the zone, lot sizes of the CFDs, and fees
    // in USD on trades priced in another currency.
    expect(warningTexts(preview)).toEqual([
      'MetaTrader server time has no zone and was read as UTC; set the broker server zone (often UTC+2/+3) and import again to correct it.',
      'GBPJPY is priced in JPY, but its commission and swap are in USD and were imported unconverted.',
      "XAUUSD is not a currency pair: its size is kept in lots, as if one lot were one unit; the broker's contract size is not in the statement.",
      'USDCAD is priced in CAD, but its commission and swap are in USD and were imported unconverted.',
      "XTIUSD is not a currency pair: its size is kept in lots, as if one lot were one unit; the broker's contract size is not in the statement.",
      'USDJPY is priced in JPY, but its commission and swap are in USD and were imported unconverted.',
      'AUDCAD is priced in CAD, but its commission and swap are in USD and were imported unconverted.',
      "NDX is not a currency pair: its size is kept in lots, as if one lot were one unit; the broker's contract size is not in the statement.",
    ]);
    // One warning per symbol, in the order the symbols first appear in the file. The journal's base
    // currency is USD and no JPY or CAD rate is set: those pairs stay out of base totals.
    const noRate = (ccy: string, pair: string) =>
      `No usable exchange rate from ${ccy} to USD: ${pair} P&L is left out of base-currency totals.`;
    const unknownRoot = (root: string) =>
      `Unknown futures contract "${root}" (symbol ${root}): its point value is not in the instruments table, ` +
      'so P&L is shown in price points × contracts (multiplier 1), not in money.';
    expect(summary.warnings.map((w) => w.message)).toEqual([
      noRate('JPY', 'GBPJPY'),
      unknownRoot('XAUUSD'),
      noRate('CAD', 'USDCAD'),
      unknownRoot('XTIUSD'),
      noRate('JPY', 'USDJPY'),
      noRate('CAD', 'AUDCAD'),
      unknownRoot('NDX'),
    ]);

    const trades = await journalTrades(t);
    expect(tradeCounts(trades)).toEqual({ closed: 124, open: 1 });
    // 68 "buy" tickets, 56 "sell" tickets and the open "sell".
    expect(trades.filter((x) => x.side === 'long')).toHaveLength(68);

    // Cross-check with the broker where it can hold exactly: the 46 closed tickets in USD-quoted
    // pairs (13 EURUSD, 7 GBPUSD, 15 AUDUSD, 11 NZDUSD) have Profit cells adding up to
    // $7,646.08, and Profit + Commission (−844.06) + Swap (−228.08) = $6,573.94. Units × price
    // move is exactly MT4's Profit for these, ticket by ticket, so our gross and net must match.
    const usdPairs = trades.filter((x) => x.status === 'closed' && USD_QUOTED_PAIRS.has(x.symbol));
    expect(usdPairs).toHaveLength(46);
    expect(total(usdPairs, 'grossPnl')).toBe('7646.08');
    expect(total(usdPairs, 'netPnl')).toBe('6573.94');
    // The Summary's Closed Trade P/L (8,205.65 = Profit 10,780.02 + Commission −2,265.77 + Swap
    // −308.60) cannot be matched as a whole: the 26 JPY and 28 CAD trades' P&L is in yen and
    // Canadian dollars (minus their USD fees, unconverted, as warned), and the 24 CFD trades'
    // P&L is in points × lots, 1/100 of MT4's for gold (100 oz a lot). Per currency, summed
    // from the tickets (Profit in units × price move, fees Commission + Swap as above):
    //   JPY 29,420 − 326.93 = 29,093.07; CAD 6,899.35 − 802.74 = 6,096.61;
    //   USD 6,573.94 (pairs) − 481.0378 (CFDs: 24 tickets, −108.4778 pt·lots − 372.56 fees)
    //   − 16.30 (the open ticket's commission) = 6,076.6022.
    expect(netByAccountAndCurrency(trades)).toEqual({
      [`${ACCOUNT} JPY`]: '29093.07',
      [`${ACCOUNT} CAD`]: '6096.61',
      [`${ACCOUNT} USD`]: '6076.6022',
    });

    // Line 40, ticket 77953025 (the first row, stopped out): buy 3.56 lots GBPJPY @ 180.190,
    // closed @ 179.974. 356,000 × (179.974 − 180.190) = 356,000 × −0.216 = −¥76,896; commission
    // 22.70 (USD, unconverted) → −76,918.70 JPY. MT4 shows −543.43 USD: ¥76,896 at ≈ 141.50 ¥/$.
    expect(tradeOpenedAt(trades, 'GBPJPY', '2023-12-29T07:32:27.000Z')).toEqual({
      account: ACCOUNT,
      symbol: 'GBPJPY',
      side: 'long',
      status: 'closed',
      quantity: '356000',
      entryPrice: '180.19',
      exitPrice: '179.974',
      grossPnl: '-76896',
      fees: '22.7',
      netPnl: '-76918.7',
      currency: 'JPY',
      openedAt: '2023-12-29T07:32:27.000Z',
      closedAt: '2023-12-29T14:56:11.000Z',
    });

    // Line 164, ticket 75458463, a short held over two nights: sell 4.41 lots AUDUSD @ 0.64307,
    // closed @ 0.64309. 441,000 × (0.64307 − 0.64309) = −$8.82, MT4's Profit. Fees: commission
    // 14.18 minus the swap credit 1.76 = 12.42, so net −21.24 = MT4's −8.82 − 14.18 + 1.76.
    expect(tradeOpenedAt(trades, 'AUDUSD', '2023-09-11T23:37:48.000Z')).toMatchObject({
      side: 'short',
      quantity: '441000',
      entryPrice: '0.64307',
      exitPrice: '0.64309',
      grossPnl: '-8.82',
      fees: '12.42',
      netPnl: '-21.24',
      currency: 'USD',
      closedAt: '2023-09-13T02:47:14.000Z',
    });

    // Line 42, ticket 77921632, gold in lots: buy 1.42 XAUUSD @ 2079.79, closed @ 2074.93.
    // 1.42 × −4.86 = −6.9012 (MT4: −690.12, at 100 oz a lot); commission 14.77 → −21.6712.
    expect(tradeOpenedAt(trades, 'XAUUSD', '2023-12-28T02:01:19.000Z')).toMatchObject({
      side: 'long',
      quantity: '1.42',
      entryPrice: '2079.79',
      exitPrice: '2074.93',
      grossPnl: '-6.9012',
      fees: '14.77',
      netPnl: '-21.6712',
      currency: 'USD',
      closedAt: '2023-12-28T11:09:40.000Z',
    });

    // Line 188, the open ticket 78412103: sell 4.95 lots AUDUSD @ 0.65877. Nothing realized yet;
    // its commission 16.30 is charged (its floating swap is left out), so net −16.30. MT4's
    // Floating P/L 186.65 = 202.95 − 16.30 includes the unrealized 202.95, which we do not.
    expect(tradeOpenedAt(trades, 'AUDUSD', '2024-01-19T02:30:38.000Z')).toMatchObject({
      side: 'short',
      status: 'open',
      quantity: '495000',
      entryPrice: '0.65877',
      exitPrice: null,
      grossPnl: '0',
      fees: '16.3',
      netPnl: '-16.3',
      closedAt: null,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importBrokerFile(t, FILE);
    await expectReimportChangesNothing(t, FILE, 249);
  });
});
