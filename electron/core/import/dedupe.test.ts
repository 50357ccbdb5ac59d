import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ParsedExecution } from '../../../shared/import/types';
import { brokerKey, contentDigest, contentKey } from './dedupe';
import { Stage } from './stage';

const fill: ParsedExecution = {
  brokerExecId: null,
  orderId: null,
  account: 'ACC1',
  symbol: 'AAPL',
  assetClass: 'stock',
  side: 'buy',
  quantity: '100',
  price: '187.5',
  fee: '1',
  currency: 'USD',
  executedAt: 1_700_000_000_000,
  line: 2,
};
const other: ParsedExecution = { ...fill, price: '188' };

describe('dedupe keys', () => {
  it('never change across versions: journals already hold them, and a changed key would re-import every fill', () => {
    // sha256("ACC1|AAPL|buy|100|187.5|1700000000000|"), base64url, first 32 characters.
    expect(contentKey(contentDigest(fill), 0)).toBe('h:1SdTOYu-nMKLbEOzrkTp2FSOKr0Gd0eN:0');
    expect(brokerKey({ ...fill, brokerExecId: 'E-42' })).toBe('x:E-42');
    expect(brokerKey(fill)).toBeNull();
  });
});

// Memory mode throughout, table mode throughout, and a switch from one to the other in the
// middle of file 1 (the stage keeps at most 3 rows in memory, so its last batch goes to the
// table, which must go on counting that file's identical fills): each stages the same keys.
describe.each([
  ['in memory', undefined],
  ['in the table', 0],
  ['switching to the table mid-file', 3],
])('staging numbers identical fills by their occurrence in each file (%s)', (_mode, keepRows) => {
  /** Staged (file, key) pairs in order, content keys shortened to "<4 digest chars>:<n>". */
  function staged(db: Database.Database, stage: Stage): [number, string][] {
    const rows = db.prepare(`SELECT file_index, dedupe_key FROM ${stage.rows} ORDER BY rowid`).raw().all();
    return (rows as [number, string][]).map(([file, key]) => [file, key.replace(/^h:(.{4}).*:(\d+)$/, '$1:$2')]);
  }

  it('keeps identical fills within a file apart, and drops an overlapping file’s copies of them', () => {
    const db = new Database(':memory:');
    const stage = new Stage(db, keepRows);
    const a = contentDigest(fill).slice(0, 4);
    const b = contentDigest(other).slice(0, 4);
    // File 0: the fill twice (two real fills at the same price and second), another once.
    stage.write([fill, other, { ...fill, line: 4 }], 0, 'unnamed');
    // File 1 overlaps: the fill three times (its third is new), the other once (a repeat).
    stage.write([fill, { ...fill, line: 3 }, other, { ...fill, line: 5 }], 1, 'unnamed');
    expect(staged(db, stage)).toEqual([
      [0, `${a}:0`],
      [0, `${b}:0`],
      [0, `${a}:1`],
      [1, `${a}:2`],
    ]);
    expect([...stage.repeated]).toEqual([[1, 3]]);
    // A later batch of the same file continues its count.
    stage.write([{ ...fill, line: 9 }], 1, 'unnamed');
    expect(staged(db, stage).at(-1)).toEqual([1, `${a}:3`]);
    stage.drop();
    db.close();
  });

  it('counts a broker fill id seen twice in one import once', () => {
    const db = new Database(':memory:');
    const stage = new Stage(db, keepRows);
    stage.write([{ ...fill, brokerExecId: 'E1' }], 0, 'unnamed');
    stage.write(
      [
        { ...fill, brokerExecId: 'E1' },
        { ...fill, brokerExecId: 'E2' },
      ],
      1,
      'unnamed',
    );
    expect(staged(db, stage).map(([, key]) => key)).toEqual(['x:E1', 'x:E2']);
    expect([...stage.repeated]).toEqual([[1, 1]]);
    db.close();
  });
});
