/** What to do with a page's attempt to go to `url`. */
export type NavigationDecision = 'allow' | 'open-in-browser' | 'deny';

/**
 * The window only ever shows the app. A link elsewhere opens in the trader's browser, and
 * only over https: a plain-http, file or custom-scheme link is refused outright.
 */
export function decideNavigation(url: string, isAppUrl: (url: string) => boolean): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  return isHttpsUrl(url) ? 'open-in-browser' : 'deny';
}

/** New windows are never created; https links go to the OS browser instead. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return isHttpsUrl(url) ? 'open-in-browser' : 'deny';
}

export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The app needs no camera, microphone, notifications, geolocation…; every request is refused. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

type Headers = Record<string, string[] | string>;

/** Response headers with our Content-Security-Policy replacing any the response carried. */
export function withContentSecurityPolicy(headers: Headers | undefined, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/**
 * The dev server needs inline scripts (React refresh preamble) and a websocket (hot
 * reload); only `electron-vite dev` gets this looser policy, never a packaged app.
 */
export function devContentSecurityPolicy(policy: string, devServerUrl: string): string {
  const { host } = new URL(devServerUrl);
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '')
    .map((directive) => {
      if (directive.startsWith('script-src ')) return `${directive} 'unsafe-inline'`;
      if (directive.startsWith('connect-src ')) return `${directive} ws://${host}`;
      return directive;
    })
    .join('; ');
}
