import { describe, expect, it } from 'vitest';
import { MAX_FILES, sortDroppedFiles } from './import-files';

const MB = 1024 * 1024;

describe('sortDroppedFiles', () => {
  it('sends files under 30 MB and points a larger one to the command line', () => {
    const { accepted, refused } = sortDroppedFiles([
      { name: 'week.csv', size: 12_000 },
      { name: 'year.csv', size: 31 * MB },
    ]);
    expect(accepted.map((f) => f.name)).toEqual(['week.csv']);
    expect(refused).toEqual([
      'year.csv is 31.0 MB; files over 30 MB are imported from the command line: tpj import "year.csv"',
    ]);
  });

  it('keeps the files together under the limit of one request', () => {
    const { accepted, refused } = sortDroppedFiles([
      { name: 'a.csv', size: 20 * MB },
      { name: 'b.csv', size: 20 * MB },
      { name: 'c.csv', size: 1 * MB },
    ]);
    expect(accepted.map((f) => f.name)).toEqual(['a.csv', 'c.csv']);
    expect(refused[0]).toMatch(/^b\.csv was left out: together the files pass 30 MB/);
  });

  it('takes at most 20 files at a time', () => {
    const files = Array.from({ length: MAX_FILES + 2 }, (_, i) => ({ name: `f${i}.csv`, size: 10 }));
    const { accepted, refused } = sortDroppedFiles(files);
    expect(accepted).toHaveLength(MAX_FILES);
    expect(refused).toEqual([
      'f20.csv was left out: import at most 20 files at a time.',
      'f21.csv was left out: import at most 20 files at a time.',
    ]);
  });
});
