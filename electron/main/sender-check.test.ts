import { describe, expect, it } from 'vitest';
import { isTrustedSender, type FrameLike, type TrustedWindow } from './sender-check';

const appUrl = 'file:///opt/tpj/out/renderer/index.html';
const isApp = (url: string) => url.startsWith(appUrl);
const mainFrame: FrameLike = { url: `${appUrl}#/trades`, parent: null, processId: 4, routingId: 1 };
const window: TrustedWindow = { webContentsId: 7, mainFrame };

describe('isTrustedSender', () => {
  it('trusts the top frame of the app window showing the app page', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: mainFrame }, window, isApp)).toBe(true);
  });

  it('refuses a sub-frame, even one of the app window', () => {
    const child: FrameLike = { ...mainFrame, parent: mainFrame, routingId: 2 };
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: child }, window, isApp)).toBe(false);
  });

  it('refuses another window', () => {
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: { ...mainFrame, routingId: 9 } }, window, isApp)).toBe(
      false,
    );
  });

  it('refuses the window once it shows a foreign page', () => {
    const elsewhere = { ...mainFrame, url: 'https://example.com/' };
    expect(
      isTrustedSender({ sender: { id: 7 }, senderFrame: elsewhere }, { ...window, mainFrame: elsewhere }, isApp),
    ).toBe(false);
  });

  it('refuses when the frame is gone or there is no window', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null }, window, isApp)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: mainFrame }, undefined, isApp)).toBe(false);
  });
});
