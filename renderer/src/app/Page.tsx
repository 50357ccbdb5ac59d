import { BackupsPage } from '../features/backups/BackupsPage';
import { CoachPage } from '../features/coach/CoachPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ImportPage } from '../features/import/ImportPage';
import { JournalPage } from '../features/journal/JournalPage';
import { PlaybooksPage } from '../features/playbooks/PlaybooksPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TradesPage } from '../features/trades/TradesPage';
import type { RouteId } from './routes';

/** The page for a route. A switch (not a map of components) so each case stays typed. */
export function Page({ route }: { route: RouteId }) {
  switch (route) {
    case 'dashboard':
      return <DashboardPage />;
    case 'trades':
      return <TradesPage />;
    case 'journal':
      return <JournalPage />;
    case 'playbooks':
      return <PlaybooksPage />;
    case 'reports':
      return <ReportsPage />;
    case 'coach':
      return <CoachPage />;
    case 'import':
      return <ImportPage />;
    case 'backups':
      return <BackupsPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
