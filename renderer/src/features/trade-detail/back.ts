import { hrefOf } from '../../app/routes';

/** Where the list was when a trade was opened from it, so Back can return there. */
let fromList: ListPosition | null = null;

/** The trade to focus in the list, and the scroll offset to go back to (null: just bring the row into view). */
export type ListPosition = { tradeId: string; scrollY: number | null };

/** Called by the trades list as it opens a trade. */
export function rememberListPosition(tradeId: string): void {
  fromList = { tradeId, scrollY: window.scrollY };
}

/** The position to restore once, when the list shows again. */
export function takeListPosition(): ListPosition | null {
  const position = fromList;
  fromList = null;
  return position;
}

/**
 * Back to the list: through history when the list opened this trade (keeping its place),
 * else to the list with this trade's row in view (after a reload or a link from elsewhere).
 */
export function backToTrades(tradeId: string): void {
  if (fromList !== null) return window.history.back();
  fromList = { tradeId, scrollY: null };
  window.location.hash = hrefOf('trades');
}
