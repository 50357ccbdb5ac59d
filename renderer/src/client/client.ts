import type { TpjClient } from '../../../shared/contract';
import { createHttpClient } from './http-client';

/**
 * Electron's preload puts the typed client on `window.tpj`; in a plain browser
 * (`tpj serve`, the e2e tests) the same contract goes over HTTP to the page's own origin.
 */
export function pickClient(win: Pick<Window, 'tpj'> = window): TpjClient {
  return win.tpj ?? createHttpClient();
}

/** The one client the UI uses, chosen once at start-up. */
export const client: TpjClient = pickClient();
