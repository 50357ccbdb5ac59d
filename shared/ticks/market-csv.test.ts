import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportFormatError } from '../import/types';
import { epochToMicros, parseMarketCsv } from './market-csv';

const fixture = (name: string) => readFileSync(join(__dirname, '../../tests/fixtures/market', name), 'utf8');
const us = (iso: string) => Date.parse(iso) * 1000;

describe('parseMarketCsv', () => {
  it('reads a tick file with zone-less times in the given zone, keeping sub-second times', () => {
    const r = parseMarketCsv(fixture('es-ticks.csv'), { fileName: 'es-ticks.csv', timeZone: 'America/New_York' });
    expect(r.kind).toBe('ticks');
    expect(r.errors).toEqual([]);
    expect(r.ticks).toHaveLength(5);
    expect(r.ticks[0]).toEqual({ symbol: 'ESZ5', ts: us('2025-03-03T14:30:00Z'), price: 5800.25, size: 2, line: 2 });
    expect(r.ticks[2]?.ts).toBe(us('2025-03-03T14:30:01.250Z'));
  });

  it('reads semicolon files with decimal commas, date and time columns and aliases, taking the symbol given', () => {
    const r = parseMarketCsv(fixture('nq-ticks-semicolon.csv'), {
      fileName: 'nq.csv',
      timeZone: 'Europe/Berlin',
      symbol: 'nqh5',
    });
    expect(r.errors).toEqual([]);
    expect(r.ticks.map((t) => [t.symbol, t.ts, t.price, t.size])).toEqual([
      ['NQH5', us('2025-03-03T14:30:00Z'), 20100.25, 1],
      ['NQH5', us('2025-03-03T14:30:02Z'), 20101.5, 2],
    ]);
  });

  it('names file, line and column of every bad row and keeps the good ones', () => {
    const r = parseMarketCsv(fixture('ticks-bad.csv'), { fileName: 'ticks-bad.csv', timeZone: 'UTC' });
    expect(r.ticks).toHaveLength(1);
    expect(r.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ['ticks-bad.csv', 3, 'time'],
      ['ticks-bad.csv', 4, 'price'],
    ]);
  });

  it('reads OHLC bars and refuses a bar whose high is below its close', () => {
    const r = parseMarketCsv(fixture('es-bars-1m.csv'), { fileName: 'bars.csv', timeZone: 'UTC', symbol: 'ES' });
    expect(r.kind).toBe('bars');
    expect(r.bars[1]).toEqual({
      symbol: 'ES',
      ts: Date.parse('2025-03-03T14:31:00Z'),
      open: 5801,
      high: 5803.25,
      low: 5800.75,
      close: 5803,
      volume: 80,
      line: 3,
    });
    const bad = parseMarketCsv('time,open,high,low,close\n1741012200,10,11,9,12\n', {
      fileName: 'b.csv',
      timeZone: 'UTC',
      symbol: 'X',
    });
    expect(bad.errors[0]).toMatchObject({ line: 2, column: 'high' });
  });

  it('asks for a symbol when neither the file nor the import has one', () => {
    const r = parseMarketCsv('time,price\n1741012200,1\n', { fileName: 'a.csv', timeZone: 'UTC' });
    expect(r.errors[0]).toMatchObject({ line: 2, column: 'symbol' });
  });

  it('refuses a file that is neither ticks nor bars, and an unknown zone', () => {
    expect(() => parseMarketCsv('a,b\n1,2\n', { fileName: 'x.csv', timeZone: 'UTC' })).toThrow(ImportFormatError);
    expect(() => parseMarketCsv('time,price\n', { fileName: 'x.csv', timeZone: 'Mars/Base' })).toThrow(/time zone/);
  });

  it('reads epoch numbers in s, ms, µs and ns', () => {
    const t = 1741012200;
    expect(epochToMicros(String(t))).toBe(t * 1e6);
    expect(epochToMicros(`${t}.5`)).toBe(t * 1e6 + 500_000);
    expect(epochToMicros(String(t * 1000))).toBe(t * 1e6);
    expect(epochToMicros(String(t * 1e6 + 7))).toBe(t * 1e6 + 7);
    expect(epochToMicros(`${t}000000000`)).toBe(t * 1e6);
    expect(epochToMicros('2025-03-03')).toBeNull();
  });
});
