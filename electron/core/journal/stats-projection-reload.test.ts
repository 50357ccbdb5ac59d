import { describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { StatsProjection } from './stats-projection';
import { MAX_NAMED_ROWS, newId } from './store';

const START = Date.parse('2026-06-01T13:30:00Z');

describe('the stats projection and very large mutations', () => {
  it('reloads after one mutation writes more trades than the store names (it hears null, not ids)', async () => {
    const t = tempCore();
    try {
      const account = await t.call('accounts.create', { name: 'Main' });
      const projection = new StatsProjection(t.core.store.db, t.core.store);
      const conversion = { baseCurrency: 'USD', fxRates: {} };
      expect(projection.select({}, conversion).trades).toHaveLength(0);
      const count = MAX_NAMED_ROWS + 1;
      const heard: (ReadonlySet<string> | null | undefined)[] = [];
      t.core.store.onChange((_, rows) => heard.push(rows.get('trades')));
      t.core.store.mutate((w) =>
        w.insertMany(
          'trades',
          // prettier-ignore
          ['id', 'account_id', 'symbol', 'asset_class', 'side', 'status', 'opened_at', 'quantity', 'entry_price',
            'gross_pnl', 'fees', 'net_pnl', 'outcome', 'currency'],
          Array.from({ length: count }, (_, i) => [
            newId(),
            account.id,
            'AAPL',
            'stock',
            'long',
            'open',
            START + i,
            '1',
            '100',
            '0',
            '0',
            '0',
            0,
            'USD',
          ]),
        ),
      );
      expect(heard).toEqual([null]);
      const { trades, unconverted } = projection.select({}, conversion);
      expect(trades.length + unconverted.length).toBe(count);
      expect(projection.loads).toBe(2);
    } finally {
      t.dispose();
    }
  });
});
