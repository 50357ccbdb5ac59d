import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TradeSort, TradeSortKey } from '../../../../shared/contract';
import type { Trade } from '../../../../shared/domain/types';
import type { RowSelection } from './selection';
import { TradeRow } from './TradeRow';
import { SELECT_COLUMN_WIDTH, tradeColumns, useTradeLookups, type TradeColumn } from './TradesTable';

/** Every row is this tall (styles/table.css `.trade-row--virtual`): offsets are index × height. */
export const ROW_HEIGHT = 56;
/** Rows rendered above and below the visible ones, so a fast wheel does not show blank rows. */
const OVERSCAN = 8;
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 40;

const moves: Record<string, (index: number, page: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, page) => i + page,
  PageUp: (i, page) => i - page,
  Home: () => 0,
  End: () => Number.MAX_SAFE_INTEGER,
};

/**
 * Where the table body starts in the document, how tall the sticky header is and the status bar
 * over the window's bottom edge. Measured after every render (one layout read): what is above the
 * table (the summary line, a banner, late fonts) moves it without the table knowing.
 */
function useBodyOffset() {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const [offset, setOffset] = useState({ top: 0, header: 0, footer: 0 });
  const measure = useCallback(() => {
    const body = bodyRef.current;
    // A hidden list (a trade open over it) has no layout; keep the last figures.
    if (body === null || body.offsetParent === null) return;
    const top = Math.round(body.getBoundingClientRect().top + window.scrollY);
    const header = headRef.current?.getBoundingClientRect().height ?? 0;
    const footer = document.querySelector('.status-bar')?.getBoundingClientRect().height ?? 0;
    setOffset((o) => (o.top === top && o.header === header && o.footer === footer ? o : { top, header, footer }));
  }, []);
  useLayoutEffect(measure);
  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  return { bodyRef, headRef, offset };
}

/** Focus a row and bring it into view between the sticky header and the status bar (scroll-margin). */
function focusRow(row: HTMLElement): void {
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: 'nearest' });
}

/**
 * The Trades page's table: only the rows in view (plus a few) are in the DOM, at a fixed row
 * height, under a sticky header, with fixed column widths (the browser lays out the rows
 * scrolled in without measuring every cell's text for the widths, and columns do not shift as
 * rows with longer values come and go); the page scrolls the window, and the next page of trades is
 * fetched as the last loaded rows come near. `total` is the whole list's size for aria-rowcount.
 */
export function VirtualTradesTable({
  trades,
  total,
  caption,
  onNearEnd,
  sort,
  onSort,
  selection,
}: {
  trades: Trade[];
  total: number;
  caption: string;
  onNearEnd: () => void;
  sort: TradeSort;
  onSort: (key: TradeSortKey) => void;
  selection: RowSelection;
}) {
  const lookups = useTradeLookups();
  const { bodyRef, headRef, offset } = useBodyOffset();
  const virtualizer = useWindowVirtualizer({
    count: trades.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin: offset.top,
    scrollPaddingStart: offset.header,
    // The status bar sticks to the bottom of the window, over the last rows.
    scrollPaddingEnd: offset.footer,
    // A scroll event only asks for a render; React then renders once for the events of a frame,
    // instead of once per event inside each (a wheel turn fires several).
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows.length === 0 ? -1 : rows[rows.length - 1]!.index;
  const nearEnd = trades.length > 0 && last >= trades.length - PREFETCH_ROWS;
  useEffect(() => {
    if (nearEnd) onNearEnd();
  }, [nearEnd, trades.length, onNearEnd]);

  // The row the keyboard moved to: focused once it is rendered (it may be a scroll away).
  const pendingFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${pendingFocus.current}"]`);
    if (!row) return;
    pendingFocus.current = null;
    focusRow(row);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (selectionKey(event, selection)) return;
    const move = moves[event.key];
    // A key pressed before the last move's row was rendered moves on from that row.
    const from = pendingFocus.current ?? (event.target as HTMLElement).closest('tr')?.dataset['index'];
    if (move === undefined || from === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const page = Math.max(1, Math.floor((window.innerHeight - offset.header - offset.footer) / ROW_HEIGHT) - 1);
    const to = Math.min(trades.length - 1, Math.max(0, move(Number(from), page)));
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${to}"]`);
    if (row) return focusRow(row);
    // Not rendered yet: scroll the list there, and focus the row once it is in the DOM.
    pendingFocus.current = to;
    virtualizer.scrollToIndex(to, { align: 'auto' });
  };

  // Item offsets count from the top of the document (scrollMargin); the spacers from the body's.
  const margin = virtualizer.options.scrollMargin;
  const before = rows.length === 0 ? 0 : rows[0]!.start - margin;
  const after = rows.length === 0 ? 0 : virtualizer.getTotalSize() - (rows[rows.length - 1]!.end - margin);
  return (
    <div className="table-wrap table-wrap--virtual">
      <table className="table table--virtual" data-testid="trades-table" role="grid" aria-rowcount={total + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          <col style={{ width: SELECT_COLUMN_WIDTH }} />
          {tradeColumns.map((c) => (
            <col key={c.label} style={c.width === undefined ? undefined : { width: c.width }} />
          ))}
        </colgroup>
        <thead ref={headRef}>
          <tr aria-rowindex={1}>
            <th scope="col" className="cell-select">
              <HeaderCheckbox selection={selection} />
            </th>
            {tradeColumns.map((c) => (
              <HeaderCell key={c.label} column={c} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {before > 0 && <Spacer height={before} />}
          {rows.map((row) => (
            <TradeRow
              key={trades[row.index]!.id}
              trade={trades[row.index]!}
              lookups={lookups}
              index={row.index}
              selected={selection.selected.has(trades[row.index]!.id)}
              onPick={selection.pick}
            />
          ))}
          {after > 0 && <Spacer height={after} />}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for the rows above or below the rendered ones, so the scroll height is the list's. */
function Spacer({ height }: { height: number }) {
  return (
    <tr className="virtual-spacer" aria-hidden="true" role="presentation" style={{ height }}>
      <td colSpan={tradeColumns.length + 1} />
    </tr>
  );
}

/**
 * Space toggles the focused row, Ctrl/Cmd+A selects every loaded row, Escape clears. Returns
 * whether the key was one of these. Space on the checkbox itself is left to the checkbox.
 */
function selectionKey(event: KeyboardEvent<HTMLTableSectionElement>, selection: RowSelection): boolean {
  const target = event.target as HTMLElement;
  const row = target.closest('tr')?.dataset['index'];
  if (event.key === ' ' && target.tagName !== 'INPUT' && row !== undefined) selection.pick(Number(row), event.shiftKey);
  else if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey) && !event.altKey) selection.all();
  else if (event.key === 'Escape' && selection.selected.size > 0) selection.clear();
  else return false;
  event.preventDefault();
  return true;
}

function HeaderCheckbox({ selection }: { selection: RowSelection }) {
  const ref = useRef<HTMLInputElement>(null);
  // `indeterminate` has no attribute; it is set on the element.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selection.coverage === 'some';
  }, [selection.coverage]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={selection.coverage === 'all'}
      onChange={selection.toggleAll}
      aria-label={selection.coverage === 'all' ? 'Clear the selection' : 'Select all loaded trades'}
      data-testid="trade-select-all"
    />
  );
}

/** A column header; a sortable one is a button (click, Enter or Space) and carries aria-sort. */
function HeaderCell({
  column,
  sort,
  onSort,
}: {
  column: TradeColumn;
  sort: TradeSort;
  onSort: (key: TradeSortKey) => void;
}) {
  const className = column.numeric ? 'num' : undefined;
  const key = column.sortKey;
  if (key === undefined) {
    return (
      <th scope="col" className={className}>
        {column.label}
      </th>
    );
  }
  const active = sort.key === key;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      <button
        type="button"
        className={`sort-button${active ? ' sort-button--active' : ''}`}
        onClick={() => onSort(key)}
        data-testid={`sort-${key}`}
      >
        {column.label}
        <span className="sort-button__arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
