import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from '../ui/Loading';
import { routeFromHash, type RouteId } from './routes';

type PageModule = Promise<{ default: ComponentType }>;

/**
 * Each page is its own chunk, fetched when it is first shown (or ahead of that, by
 * `preloadPage`): the start-up script then holds only the frame, so the first page is parsed
 * and painted without compiling the code of eight others (and the chart and form libraries
 * they bring).
 */
const loaders: Record<RouteId, () => PageModule> = {
  dashboard: () => import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
  trades: () => import('../features/trades/TradesPage').then((m) => ({ default: m.TradesPage })),
  journal: () => import('../features/journal/JournalPage').then((m) => ({ default: m.JournalPage })),
  playbooks: () => import('../features/playbooks/PlaybooksPage').then((m) => ({ default: m.PlaybooksPage })),
  reports: () => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })),
  coach: () => import('../features/coach/CoachPage').then((m) => ({ default: m.CoachPage })),
  import: () => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })),
  backups: () => import('../features/backups/BackupsPage').then((m) => ({ default: m.BackupsPage })),
  settings: () => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
};

const started = new Map<RouteId, PageModule>();

/** The page's module, fetched once; a failed fetch is forgotten so the next visit tries again. */
function loadPage(route: RouteId): PageModule {
  let module = started.get(route);
  if (!module) {
    module = loaders[route]();
    module.catch(() => started.delete(route));
    started.set(route, module);
  }
  return module;
}

const pages = {} as Record<RouteId, ComponentType>;
for (const route of Object.keys(loaders) as RouteId[]) pages[route] = lazy(() => loadPage(route));

/** Starts fetching the page for a location hash before React renders, so the two overlap. */
export function preloadPage(hash: string): void {
  void loadPage(routeFromHash(hash)).catch(() => undefined);
}

/** The page for a route, with a visible line while its code arrives. */
export function Page({ route }: { route: RouteId }) {
  const Current = pages[route];
  return (
    <Suspense fallback={<Loading label="Opening the page…" />}>
      <Current />
    </Suspense>
  );
}
