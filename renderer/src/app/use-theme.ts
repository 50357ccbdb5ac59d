import { useEffect } from 'react';
import type { Theme } from '../../../shared/domain/types';

const darkQuery = '(prefers-color-scheme: dark)';

/** Apply the trader's theme to <html data-theme>; "system" follows the OS, live. */
export function useTheme(theme: Theme | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') {
      root.dataset['theme'] = theme;
      return undefined;
    }
    const media = window.matchMedia(darkQuery);
    const apply = () => {
      root.dataset['theme'] = media.matches ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
