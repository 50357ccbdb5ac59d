import { memo, type KeyboardEvent } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import { tradeHref } from '../../app/routes';
import { formatClock, formatDate, formatDateTime } from '../../format/date';
import { formatMoney, formatNumber, formatPrice, formatR, toneOf } from '../../format/money';
import { Chips } from '../../ui/Chips';
import { rememberListPosition } from '../trade-detail/back';

export type TradeLookups = {
  timeZone: string;
  accountName: (id: string) => string;
  tag: (id: string) => { name: string; color: string | null } | undefined;
};

/** Open a trade's detail view, remembering where the list was so Back returns there. */
export function openTrade(id: string): void {
  rememberListPosition(id);
  window.location.hash = tradeHref(id);
}

/**
 * Enter opens the focused row; the arrow keys move between rows. In the virtualized list the
 * table moves the focus itself (the next row may not be in the DOM yet), so only Enter is here.
 */
function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, id: string, virtual: boolean): void {
  const row = event.currentTarget;
  if (event.key === 'Enter') openTrade(id);
  else if (virtual) return;
  else if (event.key === 'ArrowDown') (row.nextElementSibling as HTMLElement | null)?.focus();
  else if (event.key === 'ArrowUp') (row.previousElementSibling as HTMLElement | null)?.focus();
  else return;
  event.preventDefault();
}

/**
 * One trade as a table row (click or Enter opens it); money and prices are formatted from their
 * decimal strings. Memoised: "Load more" appends rows, and re-rendering every row already shown
 * made each page a long task that grew with the list (the browser bench's scroll figure).
 */
export const TradeRow = memo(function TradeRow({
  trade,
  lookups,
  index,
  selected,
  onPick,
}: {
  trade: Trade;
  lookups: TradeLookups;
  /** The row's place in the whole list, when the table is virtualized (aria-rowindex, keyboard). */
  index?: number;
  /** Given with `onPick` on the Trades page, where rows can be selected for bulk tagging. */
  selected?: boolean;
  onPick?: (index: number, extend: boolean) => void;
}) {
  const tone = toneOf(trade.netPnl);
  const tags = trade.tagIds.flatMap((id) => {
    const tag = lookups.tag(id);
    return tag ? [{ key: id, label: tag.name, color: tag.color }] : [];
  });
  return (
    <tr
      data-testid="trade-row"
      data-trade-id={trade.id}
      className={`trade-row${index === undefined ? '' : ' trade-row--virtual'}${selected ? ' trade-row--selected' : ''}`}
      data-index={index}
      aria-rowindex={index === undefined ? undefined : index + 2}
      aria-selected={onPick ? (selected ?? false) : undefined}
      tabIndex={0}
      aria-label={`${trade.symbol} ${trade.side}, opened ${formatDateTime(trade.openedAt, lookups.timeZone)}: open the trade`}
      onClick={() => openTrade(trade.id)}
      onKeyDown={(e) => onRowKey(e, trade.id, index !== undefined)}
    >
      {onPick && index !== undefined && (
        // The cell swallows its clicks: a near miss of the box must not open the trade.
        <td className="cell-select" onClick={(e) => e.stopPropagation()}>
          <input
            type="checkbox"
            checked={selected ?? false}
            readOnly
            aria-label={`Select ${trade.symbol} opened ${formatDateTime(trade.openedAt, lookups.timeZone)}`}
            data-testid="trade-select"
            onClick={(e) => onPick(index, e.shiftKey)}
          />
        </td>
      )}
      <td className="cell-when" title={formatDateTime(trade.openedAt, lookups.timeZone)}>
        <span className="cell-when__date">{formatDate(trade.openedAt, lookups.timeZone)}</span>
        <span className="cell-when__time">{formatClock(trade.openedAt, lookups.timeZone)}</span>
      </td>
      <td className="cell-account" title={lookups.accountName(trade.accountId)}>
        <span className="cell-account__name">{lookups.accountName(trade.accountId)}</span>
      </td>
      <td className="cell-symbol">{trade.symbol}</td>
      <td>
        <span className={`side side--${trade.side}`}>{trade.side === 'long' ? 'Long' : 'Short'}</span>
      </td>
      <td className="num">{formatNumber(trade.quantity)}</td>
      <td className="num" title={trade.entryPrice}>
        {formatPrice(trade.entryPrice)}
      </td>
      <td className="num" title={trade.exitPrice ?? 'still open'}>
        {trade.exitPrice === null ? <span className="cell-muted">open</span> : formatPrice(trade.exitPrice)}
      </td>
      <td className={`num pnl pnl--${tone}`}>{formatMoney(trade.netPnl, trade.currency)}</td>
      <td className={`num ${trade.rMultiple === null ? 'cell-muted' : `pnl--${toneOf(trade.rMultiple)}`}`}>
        {trade.rMultiple === null ? '—' : formatR(trade.rMultiple)}
      </td>
      <td className="cell-tags" title={tags.length > 0 ? tags.map((t) => t.label).join(', ') : undefined}>
        <Chips items={tags} />
      </td>
    </tr>
  );
});
