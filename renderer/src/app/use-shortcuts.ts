import { useEffect } from 'react';
import { navigate, routes } from './routes';

/** How long after "g" the page key may follow. */
const CHORD_MS = 1200;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** "g" then a page key ("g t" → Trades), as in Gmail and GitHub; ignored while typing. */
export function useShortcuts(): void {
  useEffect(() => {
    let armedAt = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (armedAt > 0 && Date.now() - armedAt < CHORD_MS) {
        armedAt = 0;
        const route = routes.find((r) => r.key === key);
        if (route) {
          event.preventDefault();
          navigate(route.id);
        }
        return;
      }
      armedAt = key === 'g' ? Date.now() : 0;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
