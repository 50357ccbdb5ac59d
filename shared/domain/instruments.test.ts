import { describe, expect, it } from 'vitest';
import {
  FUTURES_SPECS,
  findFuturesSpec,
  forexLotsToUnits,
  parseFuturesSymbol,
  parseOptionSymbol,
  resolveInstrument,
} from './instruments';
import { isDecimal, mul } from './money';

describe('futures specs', () => {
  it('has every contract the importers meet, with CME point values and ticks', () => {
    const expected: Record<string, [string, string]> = {
      ES: ['50', '0.25'],
      MES: ['5', '0.25'],
      NQ: ['20', '0.25'],
      MNQ: ['2', '0.25'],
      YM: ['5', '1'],
      MYM: ['0.5', '1'],
      RTY: ['50', '0.1'],
      M2K: ['5', '0.1'],
      CL: ['1000', '0.01'],
      MCL: ['100', '0.01'],
      GC: ['100', '0.1'],
      MGC: ['10', '0.1'],
      SI: ['5000', '0.005'],
      SIL: ['1000', '0.005'],
      HG: ['25000', '0.0005'],
      NG: ['10000', '0.001'],
      '6E': ['125000', '0.00005'],
      '6B': ['62500', '0.0001'],
      '6J': ['12500000', '0.0000005'],
      ZN: ['1000', '0.015625'],
      ZB: ['1000', '0.03125'],
      ZF: ['1000', '0.0078125'],
      ZC: ['50', '0.25'],
      ZS: ['50', '0.25'],
      MBT: ['0.1', '5'],
      BTC: ['5', '5'],
      MET: ['0.1', '0.5'],
    };
    for (const [root, [pointValue, tickSize]] of Object.entries(expected)) {
      expect(findFuturesSpec(root), root).toMatchObject({ root, pointValue, tickSize, currency: 'USD' });
    }
  });

  it('gives tick values traders know (ES $12.50, MES $1.25, CL $10, ZN $15.625, MBT $0.50)', () => {
    const tickValue = (root: string) => {
      const spec = findFuturesSpec(root);
      return spec ? mul(spec.pointValue, spec.tickSize) : null;
    };
    expect(tickValue('ES')).toBe('12.5');
    expect(tickValue('MES')).toBe('1.25');
    expect(tickValue('CL')).toBe('10');
    expect(tickValue('6E')).toBe('6.25');
    expect(tickValue('ZN')).toBe('15.625');
    expect(tickValue('MBT')).toBe('0.5');
  });

  it('stores only valid decimals and unique roots', () => {
    const roots = FUTURES_SPECS.map((s) => s.root);
    expect(new Set(roots).size).toBe(roots.length);
    for (const spec of FUTURES_SPECS) {
      expect(isDecimal(spec.pointValue) && isDecimal(spec.tickSize), spec.root).toBe(true);
    }
    expect(findFuturesSpec('constructor')).toBeNull();
  });
});

describe('parseFuturesSymbol', () => {
  it.each([
    ['MESZ5', { root: 'MES', month: 12, year: 2025 }],
    ['MESZ25', { root: 'MES', month: 12, year: 2025 }],
    ['MES 12-25', { root: 'MES', month: 12, year: 2025 }],
    ['MNQM5', { root: 'MNQ', month: 6, year: 2025 }],
    ['/MESZ25', { root: 'MES', month: 12, year: 2025 }],
    ['/ESZ24:XCME', { root: 'ES', month: 12, year: 2024 }],
    ['ESZ2024', { root: 'ES', month: 12, year: 2024 }],
    ['MNQ DEC24', { root: 'MNQ', month: 12, year: 2024 }],
    ['mnq dec 24', { root: 'MNQ', month: 12, year: 2024 }],
    ['6EH6', { root: '6E', month: 3, year: 2026 }],
    ['M2KU5', { root: 'M2K', month: 9, year: 2025 }],
    ['MBTZ4', { root: 'MBT', month: 12, year: 2024 }],
  ])('reads %s', (symbol, expected) => {
    expect(parseFuturesSymbol(symbol, { referenceYear: 2025 })).toEqual(expected);
  });

  it('places a one-digit year in the decade around the reference year', () => {
    expect(parseFuturesSymbol('ESH4', { referenceYear: 2025 })?.year).toBe(2024);
    expect(parseFuturesSymbol('ESH3', { referenceYear: 2025 })?.year).toBe(2033);
    expect(parseFuturesSymbol('ESH0', { referenceYear: 2029 })?.year).toBe(2030);
  });

  it.each(['AAPL', 'MES', 'ESZ', 'MES 13-25', 'ESA5', ''])('returns null for %j', (symbol) => {
    expect(parseFuturesSymbol(symbol, { referenceYear: 2025 })).toBeNull();
  });
});

describe('parseOptionSymbol', () => {
  it('reads OCC symbols and their compact form', () => {
    const call = { underlying: 'AAPL', expiry: '2024-01-19', right: 'call', strike: '190' };
    expect(parseOptionSymbol('AAPL  240119C00190000')).toEqual(call);
    expect(parseOptionSymbol('AAPL240119C00190000')).toEqual(call);
    expect(parseOptionSymbol('AAPL240119C190')).toEqual(call);
    expect(parseOptionSymbol('.AAPL240119C190')).toEqual(call);
    expect(parseOptionSymbol('SPY   241220P00587500')).toEqual({
      underlying: 'SPY',
      expiry: '2024-12-20',
      right: 'put',
      strike: '587.5',
    });
    expect(parseOptionSymbol('AAPL')).toBeNull();
  });
});

describe('resolveInstrument', () => {
  it('gives known futures their point value', () => {
    expect(resolveInstrument('MESZ5', 'future')).toEqual({
      assetClass: 'future',
      root: 'MES',
      multiplier: '5',
      tickSize: '0.25',
      currency: 'USD',
      underlying: 'MES',
      warning: null,
    });
    expect(resolveInstrument('/NQZ24:XCME', 'future').multiplier).toBe('20');
    expect(resolveInstrument('MNQ 03-25', 'future').multiplier).toBe('2');
  });

  it('warns, in words, when a futures root is unknown instead of silently using 1', () => {
    const unknown = resolveInstrument('XYZZ5', 'future');
    expect(unknown.multiplier).toBe('1');
    expect(unknown.root).toBe('XYZ');
    expect(unknown.warning).toMatch(/Unknown futures contract "XYZ".*multiplier 1/);
  });

  it('uses 100 for options and reads the underlying', () => {
    expect(resolveInstrument('AAPL  240119C00190000', 'option')).toMatchObject({
      multiplier: '100',
      underlying: 'AAPL',
      warning: null,
    });
    expect(resolveInstrument('AAPL 19JAN24 190 C', 'option').underlying).toBe('AAPL');
    expect(resolveInstrument('./ESZ24C5000', 'option').warning).toMatch(/option on a future/);
  });

  it('uses 1 for stocks and crypto, and reads the crypto base asset', () => {
    expect(resolveInstrument('AAPL', 'stock')).toMatchObject({ multiplier: '1', underlying: 'AAPL' });
    expect(resolveInstrument('BTC-USD', 'crypto')).toMatchObject({ multiplier: '1', underlying: 'BTC' });
    expect(resolveInstrument('ETHUSDT', 'crypto').underlying).toBe('ETH');
  });

  it('treats forex quantities as units of the base currency, priced in the quote currency', () => {
    expect(resolveInstrument('EUR/USD', 'forex')).toMatchObject({
      root: 'EURUSD',
      multiplier: '1',
      underlying: 'EUR',
      currency: 'USD',
    });
    expect(resolveInstrument('USDJPY.m', 'forex').currency).toBe('JPY');
    expect(forexLotsToUnits('0.25')).toBe('25000');
    expect(forexLotsToUnits('0.5', '100')).toBe('50');
  });
});
