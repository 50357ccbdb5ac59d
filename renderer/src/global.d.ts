import type { TpjClient } from '../../shared/contract';

declare global {
  // Only an interface merges with the DOM's own Window declaration.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Exposed by the Electron preload; absent when the UI runs in a browser against `tpj serve`. */
    tpj?: TpjClient;
  }
}
