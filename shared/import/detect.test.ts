import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';
import { detectFormat, getFormat } from './detect';
import { brokerFormats } from './formats/index';

const realDir = fileURLToPath(new URL('../../../shared/fixtures/brokers/', import.meta.url));
const ownDir = fileURLToPath(new URL('../../tests/fixtures/brokers/', import.meta.url));

const EXPECTED: Record<string, string> = {
  'ninjatrader8-grid.csv': 'ninjatrader8',
  'tradovate-performance.csv': 'tradovate-performance',
  'tradovate-position-history.csv': 'tradovate-position-history',
  'topstepx-trades-export.csv': 'topstepx',
  'tradezero.csv': 'tradezero',
  'thinkorswim-account-statement.csv': 'thinkorswim',
  'ibkr-flex-report.xml': 'ibkr-flex-xml',
  'mt4-statement.htm': 'mt4-html',
};

const detectFile = (path: string, name: string) => detectFormat(decodeBytes(readFileSync(path)).text, name);

if (!existsSync(realDir))
  console.info(`detect: real broker files not found at ${realDir}; detection tests on them skipped`);

describe.runIf(existsSync(realDir))('detectFormat on the real broker files', () => {
  it('knows every file in the folder', () => {
    const files = readdirSync(realDir).filter((name) => name !== 'SOURCES.md');
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s is %s, clearly ahead of any other format', (file, id) => {
    const [best, runnerUp] = detectFile(`${realDir}${file}`, file);
    expect(best?.format.id).toBe(id);
    expect(best?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(runnerUp?.confidence ?? 0).toBeLessThan(0.5);
  });
});

describe('detectFormat', () => {
  it('recognises the made-up UTF-16LE MetaTrader statement and Flex report', () => {
    expect(detectFile(`${ownDir}mt4-utf16.htm`, 'Statement.htm')[0]?.format.id).toBe('mt4-html');
    expect(detectFile(`${ownDir}ibkr-flex-awkward.xml`, 'flex.xml')[0]?.format.id).toBe('ibkr-flex-xml');
  });

  it('falls back to the guessing CSV reader, with low confidence, for an unknown CSV', () => {
    const matches = detectFile(`${ownDir}generic-basic.csv`, 'export.csv');
    expect(matches[0]?.format.id).toBe('generic-csv');
    expect(matches[0]?.confidence).toBeLessThan(0.5);
  });

  it('returns nothing for a file no format knows', () => {
    expect(detectFormat('hello world', 'notes.txt')).toEqual([]);
    expect(detectFormat('', 'empty.csv')).toEqual([]);
  });

  it('sorts best first and keeps registry order for ties', () => {
    const fake = (id: string, confidence: number) => ({
      id,
      label: id,
      detect: () => confidence,
      parse: () => ({ executions: [], ignored: 0, errors: [], warnings: [] }),
    });
    const matches = detectFormat('x', 'x', [
      fake('a', 0.2),
      fake('b', 0.9),
      fake('c', 0.2),
      fake('d', 0),
      fake('e', 7),
    ]);
    expect(matches.map((m) => [m.format.id, m.confidence])).toEqual([
      ['e', 1],
      ['b', 0.9],
      ['a', 0.2],
      ['c', 0.2],
    ]);
  });
});

describe('getFormat and the registry', () => {
  it('finds each format by id and nothing for an unknown id', () => {
    for (const format of brokerFormats) expect(getFormat(format.id)).toBe(format);
    expect(getFormat('no-such-broker')).toBeUndefined();
  });

  it('has unique ids and every format the import issue lists', () => {
    const ids = brokerFormats.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Formats without a real file in ../shared: each is tested on our own fixtures beside it.
    const withoutRealFiles = [
      'ibkr-activity-csv',
      'ibkr-flex-csv',
      'ibkr-transactions-csv',
      'tradovate-fills',
      'tradovate-orders',
      'webull-orders',
      'mt5-report',
      'mt5-xlsx',
      'tradestation',
      'binance-spot',
      'generic-csv',
    ];
    expect([...ids].sort()).toEqual([...Object.values(EXPECTED), ...withoutRealFiles].sort());
    // The guessing reader is the fallback: it must come last so dedicated readers win ties.
    expect(ids[ids.length - 1]).toBe('generic-csv');
  });
});
