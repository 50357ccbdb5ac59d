import { hrefOf, routeFromHash, routes } from '../../app/routes';

/** Where a trade was opened from: the address, and for the trades list its scroll offset. */
type Origin = { hash: string; tradeId: string; scrollY: number | null };
let origin: Origin | null = null;

/** Called by a trades table (the list, the dashboard's recent trades) as it opens a trade. */
export function rememberListPosition(tradeId: string): void {
  origin = { hash: window.location.hash, tradeId, scrollY: window.scrollY };
}

/** The trades-list row to focus (and offset to scroll to) once the list shows again; taken once. */
export function takeListPosition(): { tradeId: string; scrollY: number | null } | null {
  const taken = origin;
  origin = null;
  return taken !== null && routeFromHash(taken.hash) === 'trades' ? taken : null;
}

/** What "Back" returns to for this trade: the page that opened it, else the trades list. */
export function backLabel(tradeId: string): string {
  if (origin === null || origin.tradeId !== tradeId) return 'Trades';
  const id = routeFromHash(origin.hash);
  return routes.find((r) => r.id === id)?.label ?? 'Trades';
}

/**
 * Back through history when a table in the app opened this trade (the list keeps its
 * place), else to the trades list with this trade's row in view (after a reload, or
 * when a link from elsewhere opened it).
 */
export function backToTrades(tradeId: string): void {
  if (origin !== null && origin.tradeId === tradeId) return window.history.back();
  origin = { hash: hrefOf('trades'), tradeId, scrollY: null };
  window.location.hash = hrefOf('trades');
}
