import type { TradeFilter } from '../../../../shared/contract';
import { dayRangeMs } from '../../format/zone-day';

/** The filter bar's fields as the form holds them; '' means "any". */
export type FilterForm = {
  fromDay: string;
  toDay: string;
  accountId: string;
  symbol: string;
  side: '' | 'long' | 'short';
  tagId: string;
  playbookId: string;
};

export const emptyFilterForm: FilterForm = {
  fromDay: '',
  toDay: '',
  accountId: '',
  symbol: '',
  side: '',
  tagId: '',
  playbookId: '',
};

/**
 * The contract's trade filter for the form. Days are whole days in the display time zone,
 * both ends included; a range given backwards is swapped rather than refused.
 */
export function toTradeFilter(form: FilterForm, timeZone: string): TradeFilter {
  const filter: TradeFilter = {};
  let [first, last] = [form.fromDay, form.toDay];
  if (first && last && first > last) [first, last] = [last, first];
  const from = first ? dayRangeMs(first, timeZone)?.from : undefined;
  const to = last ? dayRangeMs(last, timeZone)?.to : undefined;
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (form.accountId) filter.accountIds = [form.accountId];
  const symbol = form.symbol.trim();
  if (symbol) filter.symbol = symbol.slice(0, 40);
  if (form.side) filter.side = form.side;
  if (form.tagId) filter.tagId = form.tagId;
  if (form.playbookId) filter.playbookId = form.playbookId;
  return filter;
}

/** How many fields narrow the selection (for "Clear filters (3)"). */
export function activeFilters(form: FilterForm): number {
  return Object.values(form).filter((v) => v.trim() !== '').length;
}
