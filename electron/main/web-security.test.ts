import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../core/host/static-files';
import {
  decideNavigation,
  decideWindowOpen,
  devContentSecurityPolicy,
  isPermissionGranted,
  withContentSecurityPolicy,
} from './web-security';

const isApp = (url: string) => url.startsWith('file:///app/index.html');

describe('web security rules', () => {
  it('keeps the window on the app and sends https links to the browser', () => {
    expect(decideNavigation('file:///app/index.html#/trades', isApp)).toBe('allow');
    expect(decideNavigation('https://tradingview.com/chart', isApp)).toBe('open-in-browser');
    expect(decideNavigation('http://example.com/', isApp)).toBe('deny');
    expect(decideNavigation('file:///etc/passwd', isApp)).toBe('deny');
    expect(decideNavigation('javascript:alert(1)', isApp)).toBe('deny');
  });

  it('never opens a window; only https links leave for the browser', () => {
    expect(decideWindowOpen('https://example.com/')).toBe('open-in-browser');
    expect(decideWindowOpen('http://example.com/')).toBe('deny');
    expect(decideWindowOpen('smb://host/share')).toBe('deny');
    expect(decideWindowOpen('file:///app/index.html')).toBe('deny');
  });

  it('refuses every permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionGranted(permission)).toBe(false);
    }
  });

  it('replaces any CSP the response carried with ours', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' },
      contentSecurityPolicy,
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('loosens the policy for the dev server only as far as hot reload needs', () => {
    const dev = devContentSecurityPolicy(contentSecurityPolicy, 'http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self';");
  });
});
