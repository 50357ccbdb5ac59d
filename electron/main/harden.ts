import { shell, type App, type Session, type WebContents } from 'electron';
import { decideNavigation, decideWindowOpen, isPermissionGranted, withContentSecurityPolicy } from './web-security';

/**
 * Session-wide rules for the app's lifetime: our CSP on the app's pages (index.html also
 * carries it in a meta tag, for loads the header hook does not see) and no permissions.
 */
export function hardenSession(session: Session, isAppUrl: (url: string) => boolean, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

/** Every web contents ever created (windows, and any a bug might open) stays on the app. */
export function hardenAllWebContents(app: App, isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAppUrl));
}

function guardWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, isAppUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-in-browser') openInBrowser(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-in-browser') openInBrowser(url);
    return { action: 'deny' };
  });
}

function openInBrowser(url: string): void {
  shell.openExternal(url).catch((error: unknown) => console.error('could not open link in the browser', error));
}
