import { useSyncExternalStore } from 'react';
import { hashParams, journalDayFromHash, routeFromHash, tradeIdFromHash, type RouteId } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current page, following `#/...` in the address. */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}

/** One `?name=` parameter of the current address, or null. */
export function useHashParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => hashParams(window.location.hash).get(name));
}

/** The trade of a `#/trades/<id>` address, or null. */
export function useTradeId(): string | null {
  return useSyncExternalStore(subscribe, () => tradeIdFromHash(window.location.hash));
}

/** The day of a `#/journal/YYYY-MM-DD` address, or null. */
export function useJournalDay(): string | null {
  return useSyncExternalStore(subscribe, () => journalDayFromHash(window.location.hash));
}
