import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  noteIfRealFilesMissing,
  OWN_DIR,
  readOwn,
  readReal,
  REAL_DIR,
} from '../../../tests/fixtures/brokers/format-test-kit';
import type { BrokerFormat } from '../types';
import { ninjaTrader8Format } from './ninjatrader8';
import { thinkorswimFormat } from './thinkorswim';
import { topstepxFormat } from './topstepx';
import { tradezeroFormat } from './tradezero';
import { tradovatePerformanceFormat } from './tradovate-performance';
import { tradovatePositionHistoryFormat } from './tradovate-position-history';

const FORMATS: readonly BrokerFormat[] = [
  ninjaTrader8Format,
  tradovatePerformanceFormat,
  tradovatePositionHistoryFormat,
  topstepxFormat,
  tradezeroFormat,
  thinkorswimFormat,
];

// Which of these formats owns each file; files not listed (IBKR XML, MT4 HTML...) belong to none.
const REAL_OWNER: Readonly<Record<string, string>> = {
  'ninjatrader8-grid.csv': 'ninjatrader8',
  'tradovate-performance.csv': 'tradovate-performance',
  'tradovate-position-history.csv': 'tradovate-position-history',
  'topstepx-trades-export.csv': 'topstepx',
  'tradezero.csv': 'tradezero',
  'thinkorswim-account-statement.csv': 'thinkorswim',
};
const OWN_OWNER: Readonly<Record<string, string>> = {
  'ninjatrader8.csv': 'ninjatrader8',
  'tradovate-performance.csv': 'tradovate-performance',
  'tradovate-position-history.csv': 'tradovate-position-history',
  'topstepx.csv': 'topstepx',
  'tradezero.csv': 'tradezero',
  'thinkorswim.csv': 'thinkorswim',
};

const SAMPLE_CHARS = 64 * 1024;

function matrix(
  formats: readonly BrokerFormat[],
  files: Readonly<Record<string, string>>,
  owner: (file: string) => string | null,
) {
  return Object.entries(files).flatMap(([file, text]) =>
    formats.map((format) => ({
      file,
      format: format.id,
      owns: owner(file) === format.id,
      confidence: format.detect(text.slice(0, SAMPLE_CHARS), file),
    })),
  );
}

noteIfRealFilesMissing('broker detect matrix');

describe.runIf(hasRealFiles)('detect over every real broker file', () => {
  const names = hasRealFiles ? readdirSync(REAL_DIR).filter((name) => name !== 'SOURCES.md') : [];
  const files = Object.fromEntries(names.map((name) => [name, readReal(name)]));

  it('is sure (≥ 0.9) of its own file and doubtful (< 0.3) of every other', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const cell of matrix(FORMATS, files, (file) => REAL_OWNER[file] ?? null)) {
      if (cell.owns) expect(cell.confidence, `${cell.format} on ${cell.file}`).toBeGreaterThanOrEqual(0.9);
      else expect(cell.confidence, `${cell.format} on ${cell.file}`).toBeLessThan(0.3);
    }
  });
});

describe('detect over the invented fixtures', () => {
  const files = Object.fromEntries(Object.keys(OWN_OWNER).map((name) => [name, readOwn(name)]));

  it(`is sure of its own fixture in ${OWN_DIR} and doubtful of the others`, () => {
    for (const cell of matrix(FORMATS, files, (file) => OWN_OWNER[file] ?? null)) {
      if (cell.owns) expect(cell.confidence, `${cell.format} on ${cell.file}`).toBeGreaterThanOrEqual(0.9);
      else expect(cell.confidence, `${cell.format} on ${cell.file}`).toBeLessThan(0.3);
    }
  });

  it('never fails on text that is not CSV at all', () => {
    for (const format of FORMATS) {
      for (const sample of [
        '',
        '\ufeff',
        '<html><body>hi</body></html>',
        '"unterminated, quote\n',
        '\u0000\u0001binary',
      ]) {
        expect(format.detect(sample, 'x.bin')).toBeLessThan(0.3);
      }
    }
  });
});
