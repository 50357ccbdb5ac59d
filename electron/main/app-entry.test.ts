import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entryUrl, isAppUrl, resolveAppEntry, samePath } from './app-entry';

const rendererIndex = resolve('/opt/Trading Path Journal/out/renderer/index.html');
const fileEntry = resolveAppEntry({ rendererIndex, devServerUrl: undefined, isPackaged: true });

describe('app entry', () => {
  it('loads the built page, with spaces in the install path', () => {
    expect(fileEntry).toEqual({ kind: 'file', file: rendererIndex });
    expect(entryUrl(fileEntry)).toBe(pathToFileURL(rendererIndex).href);
    expect(isAppUrl(fileEntry, entryUrl(fileEntry))).toBe(true);
  });

  it('treats client-side routes and queries of the page as the app', () => {
    expect(isAppUrl(fileEntry, `${entryUrl(fileEntry)}#/trades/42`)).toBe(true);
    expect(isAppUrl(fileEntry, `${entryUrl(fileEntry)}?tab=notes`)).toBe(true);
  });

  it('refuses other files, other schemes and tricks with ..', () => {
    const other = pathToFileURL(join(rendererIndex, '..', 'other.html')).href;
    expect(isAppUrl(fileEntry, other)).toBe(false);
    expect(isAppUrl(fileEntry, pathToFileURL('/etc/passwd').href)).toBe(false);
    expect(isAppUrl(fileEntry, 'https://example.com/index.html')).toBe(false);
    expect(isAppUrl(fileEntry, 'file://evil-host/opt/Trading%20Path%20Journal/out/renderer/index.html')).toBe(false);
    expect(isAppUrl(fileEntry, 'not a url')).toBe(false);
  });

  it('compares Windows paths without regard to case, POSIX paths exactly', () => {
    expect(samePath('C:\\Apps\\TPJ\\index.html', 'c:\\apps\\tpj\\index.html', 'win32')).toBe(true);
    expect(samePath('/opt/TPJ/index.html', '/opt/tpj/index.html', 'linux')).toBe(false);
  });

  it('uses the dev server only when not packaged, and trusts only its origin', () => {
    const dev = resolveAppEntry({ rendererIndex, devServerUrl: 'http://localhost:5173/', isPackaged: false });
    expect(dev).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(isAppUrl(dev, 'http://localhost:5173/#/journal')).toBe(true);
    expect(isAppUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(resolveAppEntry({ rendererIndex, devServerUrl: 'http://localhost:5173/', isPackaged: true }).kind).toBe(
      'file',
    );
    expect(resolveAppEntry({ rendererIndex, devServerUrl: 'javascript:alert(1)', isPackaged: false }).kind).toBe(
      'file',
    );
  });
});
