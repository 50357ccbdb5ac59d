import { useMemo } from 'react';
import type { TradeSortKey } from '../../../../shared/contract';
import type { Trade } from '../../../../shared/domain/types';
import { useJournal, useTimeZone } from '../../state/journal-store';
import { TradeRow, type TradeLookups } from './TradeRow';

export type TradeColumn = {
  label: string;
  numeric: boolean;
  sortKey?: TradeSortKey;
  /** Width in the virtualized table (fixed layout); columns without one share what is left. */
  width?: number;
};

/** The columns in order; `sortKey` marks the ones the Trades page can sort by (server-side). */
export const tradeColumns: TradeColumn[] = [
  { label: 'Opened', numeric: false, sortKey: 'openedAt', width: 100 },
  { label: 'Account', numeric: false },
  { label: 'Symbol', numeric: false, sortKey: 'symbol', width: 84 },
  { label: 'Side', numeric: false, width: 68 },
  { label: 'Qty', numeric: true, width: 56 },
  { label: 'Entry', numeric: true, width: 88 },
  { label: 'Exit', numeric: true, sortKey: 'closedAt', width: 88 },
  { label: 'Net P&L', numeric: true, sortKey: 'netPnl', width: 104 },
  { label: 'R', numeric: true, sortKey: 'rMultiple', width: 72 },
  { label: 'Tags', numeric: false },
];

/** The checkbox column of the Trades page. */
export const SELECT_COLUMN_WIDTH = 36;

/** Account names, tags and the display time zone, for formatting trade rows. */
export function useTradeLookups(): TradeLookups {
  const accounts = useJournal((s) => s.accounts);
  const tags = useJournal((s) => s.tags);
  const timeZone = useTimeZone();

  return useMemo<TradeLookups>(() => {
    const accountNames = new Map(accounts.map((a) => [a.id, a.name]));
    const tagsById = new Map(tags.map((t) => [t.id, t]));
    return {
      timeZone,
      accountName: (id) => accountNames.get(id) ?? 'Unknown account',
      tag: (id) => tagsById.get(id),
    };
  }, [accounts, tags, timeZone]);
}

/** The plain trades table of short lists (the dashboard's recent trades, a journal day). */
export function TradesTable({ trades, caption }: { trades: Trade[]; caption: string }) {
  const lookups = useTradeLookups();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="trades-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {tradeColumns.map((c) => (
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
