import { useEffect, useRef } from 'react';
import { startJournalSync, useJournal } from '../state/journal-store';
import { NoticeBanners } from '../ui/NoticeBanners';
import { HelpOverlay } from './HelpOverlay';
import { Page } from './Page';
import { routes } from './routes';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useRoute } from './use-route';
import { useShortcuts } from './use-shortcuts';
import { useTheme } from './use-theme';

/** The frame of the app: navigation, the current page, error banners and the status bar. */
export function App() {
  const route = useRoute();
  const theme = useJournal((s) => s.settings?.theme);
  const main = useRef<HTMLElement>(null);
  useTheme(theme);
  useShortcuts();
  useEffect(() => startJournalSync(), []);

  useEffect(() => {
    const label = routes.find((r) => r.id === route)?.label ?? '';
    document.title = `${label} · Trading Path Journal`;
    // Keyboard and screen-reader users land at the top of the new page, not deep in the old one.
    window.scrollTo({ top: 0 });
  }, [route]);

  return (
    <div className="app">
      {/* A button, not an anchor: "#main" in the address would be read as a route. */}
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <Sidebar current={route} />
      <div className="app__body">
        <main className="app__main" id="main" ref={main} tabIndex={-1} data-page={route}>
          <NoticeBanners />
          <Page route={route} />
        </main>
        <StatusBar />
      </div>
      <HelpOverlay />
    </div>
  );
}
