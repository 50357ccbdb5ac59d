import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedExecution } from '../../../shared/import/types';
import { tempCore } from '../../../tests/support/temp-core';
import { planAccounts } from './account-plan';
import { stagedCounts } from './counts';
import { Stage } from './stage';

const fill = (n: number, account: string): ParsedExecution => ({
  brokerExecId: `E${n}`,
  orderId: null,
  account,
  symbol: n % 2 === 0 ? 'AAPL' : 'MSFT',
  assetClass: 'stock',
  side: n % 4 < 2 ? 'buy' : 'sell',
  quantity: '10',
  price: `${100 + n}`,
  fee: '0',
  currency: 'USD',
  executedAt: 1_700_000_000_000 + n * 1000,
  line: n + 2,
});

describe('counting staged rows for the preview', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  /** Two files into account ACC1 (file 1 repeats two of file 0's fills) and one into ACC2. */
  function stageThreeFiles(keepRows?: number): Stage {
    const stage = new Stage(t.core.store.db, keepRows);
    stage.write([fill(1, 'ACC1'), fill(2, 'ACC1'), fill(3, 'ACC1')], 0, 'unnamed');
    stage.write([fill(2, 'ACC1'), fill(3, 'ACC1'), fill(4, 'ACC1'), fill(5, 'ACC2')], 1, 'unnamed');
    stage.write([fill(6, 'ACC2')], 2, 'unnamed');
    return stage;
  }

  it('counts from the stage itself when no account it goes to has fills, as SQL counts when one has', async () => {
    const counted = (keepRows?: number) => {
      const stage = stageThreeFiles(keepRows);
      planAccounts(t.core.store.db, stage, null);
      const counts = stagedCounts(t.core.store.db, stage);
      stage.drop();
      return counts;
    };
    const expected = new Map([
      [0, { total: 3, duplicate: 0 }],
      [1, { total: 4, duplicate: 2 }],
      [2, { total: 1, duplicate: 0 }],
    ]);
    // A fresh journal: both accounts are new, so no staged row can be in it.
    expect(counted()).toEqual(expected);
    expect(counted(0)).toEqual(expected);
    // ACC1 now exists and holds one fill the files do not have: the counts come from SQL, alike.
    const { importId } = await t.call('import.preview', {
      files: [
        {
          fileName: 'other.csv',
          dataBase64: Buffer.from(
            'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note\n' +
              'ACC1,03/10/2025,03/11/2025,USD,2,B,TSLA,10,200,10:00:00,0,0,0,0,0,0,0,0,0,VELO,R,\n',
          ).toString('base64'),
        },
      ],
    });
    await t.call('import.commit', { importId });
    expect(counted()).toEqual(expected);
    expect(counted(0)).toEqual(expected);
  });
});
