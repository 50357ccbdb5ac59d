import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The `trade` parameter of `#/coach?trade=<id>`: a citation link or "Review with coach". */
export function useTradeParam(): string | null {
  return useSyncExternalStore(subscribe, () => {
    const query = window.location.hash.split('?')[1] ?? '';
    return new URLSearchParams(query).get('trade');
  });
}
