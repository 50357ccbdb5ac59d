/** The app's pages, in navigation order; the hash is `#/<id>`. */
export const routes = [
  { id: 'dashboard', label: 'Dashboard', key: 'd' },
  { id: 'trades', label: 'Trades', key: 't' },
  { id: 'journal', label: 'Journal', key: 'j' },
  { id: 'playbooks', label: 'Playbooks', key: 'p' },
  { id: 'reports', label: 'Reports', key: 'r' },
  { id: 'coach', label: 'Coach', key: 'c' },
  { id: 'import', label: 'Import', key: 'i' },
  { id: 'backups', label: 'Backups', key: 'b' },
  { id: 'settings', label: 'Settings', key: 's' },
] as const;

export type RouteId = (typeof routes)[number]['id'];

/** The page for a location hash; anything unknown (or empty) is the dashboard. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return routes.find((r) => r.id === id)?.id ?? 'dashboard';
}

export function hrefOf(id: RouteId): string {
  return `#/${id}`;
}

/** Go to a page (a hash change, so Back works as the trader expects). */
export function navigate(id: RouteId): void {
  window.location.hash = hrefOf(id);
}

/** The trades list showing only the trades closed on one calendar day (display time zone). */
export function tradesOnDayHref(day: string): string {
  return `${hrefOf('trades')}?day=${encodeURIComponent(day)}`;
}

/** The `?key=value` part of a location hash, for pages that take a parameter. */
export function hashParams(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** One trade's detail view: `#/trades/<id>` (the Trades page shows it in place of the list). */
export function tradeHref(id: string): string {
  return `${hrefOf('trades')}/${encodeURIComponent(id)}`;
}

/** The coach's review of one trade: `#/coach?trade=<id>` (the Coach page asks for it on arrival). */
export function coachReviewHref(id: string): string {
  return `${hrefOf('coach')}?trade=${encodeURIComponent(id)}`;
}

/** The trade id of a `#/trades/<id>` address, or null for any other address. */
export function tradeIdFromHash(hash: string): string | null {
  const match = /^#\/?trades\/([^/?]+)/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** One trading day in the journal: `#/journal/YYYY-MM-DD` (its trades, P&L and the day's notes). */
export function journalDayHref(day: string): string {
  return `${hrefOf('journal')}/${day}`;
}

/** The day of a `#/journal/YYYY-MM-DD` address, or null for any other address. */
export function journalDayFromHash(hash: string): string | null {
  const match = /^#\/?journal\/(\d{4}-\d{2}-\d{2})(?:[/?]|$)/.exec(hash);
  return match?.[1] ?? null;
}
