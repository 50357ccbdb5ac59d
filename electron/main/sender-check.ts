/** The parts of Electron's WebFrameMain the check reads. */
export type FrameLike = {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
};

/** The parts of IpcMainInvokeEvent the check reads. */
export type InvokeEventLike = {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly id: number };
};

/** The window whose page may call the core. */
export type TrustedWindow = { readonly webContentsId: number; readonly mainFrame: FrameLike };

/**
 * Only the top frame of the app's own window, showing the app's own page, may call the
 * core. Sub-frames, other windows, and pages that navigated elsewhere are refused.
 */
export function isTrustedSender(
  event: InvokeEventLike,
  window: TrustedWindow | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!window || !frame) return false;
  if (event.sender.id !== window.webContentsId) return false;
  if (frame.parent !== null) return false;
  if (frame.processId !== window.mainFrame.processId || frame.routingId !== window.mainFrame.routingId) return false;
  return isAppUrl(frame.url);
}
