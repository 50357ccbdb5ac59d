import { useMemo } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import { useJournal, useTimeZone } from '../../state/journal-store';
import { TradeRow, type TradeLookups } from './TradeRow';

const columns = [
  { label: 'Opened', numeric: false },
  { label: 'Account', numeric: false },
  { label: 'Symbol', numeric: false },
  { label: 'Side', numeric: false },
  { label: 'Qty', numeric: true },
  { label: 'Entry', numeric: true },
  { label: 'Exit', numeric: true },
  { label: 'Net P&L', numeric: true },
  { label: 'R', numeric: true },
  { label: 'Tags', numeric: false },
];

/** The trades table shared by the Trades page and the dashboard's recent trades. */
export function TradesTable({ trades, caption }: { trades: Trade[]; caption: string }) {
  const accounts = useJournal((s) => s.accounts);
  const tags = useJournal((s) => s.tags);
  const timeZone = useTimeZone();

  const lookups = useMemo<TradeLookups>(() => {
    const accountNames = new Map(accounts.map((a) => [a.id, a.name]));
    const tagsById = new Map(tags.map((t) => [t.id, t]));
    return {
      timeZone,
      accountName: (id) => accountNames.get(id) ?? 'Unknown account',
      tag: (id) => tagsById.get(id),
    };
  }, [accounts, tags, timeZone]);

  return (
    <div className="table-wrap">
      <table className="table" data-testid="trades-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trades.map((trade) => (
            <TradeRow key={trade.id} trade={trade} lookups={lookups} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
