import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirArg, resolveDataDir } from './args';

describe('data folder from the command line', () => {
  it('reads --data-dir in both spellings', () => {
    expect(dataDirArg(['.', '--data-dir', '/tmp/j'])).toBe('/tmp/j');
    expect(dataDirArg(['--data-dir=/tmp/j'])).toBe('/tmp/j');
    expect(dataDirArg(['.'])).toBeUndefined();
    expect(dataDirArg(['--data-dir'])).toBeUndefined();
    expect(dataDirArg(['--data-dir', '--inspect'])).toBeUndefined();
  });

  it('falls back to TPJ_DATA_DIR, the same rule as the CLI', () => {
    expect(resolveDataDir(['.'], { TPJ_DATA_DIR: '/tmp/env-journal' })).toBe(resolve('/tmp/env-journal'));
    expect(resolveDataDir(['--data-dir', '/tmp/arg'], { TPJ_DATA_DIR: '/tmp/env-journal' })).toBe(resolve('/tmp/arg'));
  });
});
