import { methodNames, type MethodName, type Result } from '../../shared/contract';
import { fail } from '../../shared/contract/errors';
import { invokeChannel } from './channels';
import { validateInput } from '../../shared/contract/validate';

/** The parts of Electron's ipcMain used here; a fake records handlers in tests. */
export type IpcMainLike<E> = {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
};

/** Whatever carries a checked call to the core (the request relay in the app). */
export type CallRelay = { invoke(method: MethodName, input: unknown): Promise<Result<unknown>> };

/**
 * Register one `ipcMain.handle` per contract method (`tpj:<method>`). Each handler checks
 * the sender, then the input, and only then relays to the core; every outcome is a
 * `Result`, never a thrown error (which Electron would hand the page with a stack).
 * Returns the disposer that removes every handler.
 */
export function registerContract<E>(
  ipcMain: IpcMainLike<E>,
  relay: CallRelay,
  isTrustedSender: (event: E) => boolean,
): () => void {
  const channels = methodNames.map((method) => {
    const channel = invokeChannel(method);
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event)) return fail('UNAUTHORIZED', 'This window may not use the journal.');
      const checked = validateInput(method, input);
      if (!checked.ok) return checked;
      try {
        // The raw input goes on: the core validates again and applies its own defaults.
        return await relay.invoke(method, input);
      } catch {
        return fail('INTERNAL', 'Something went wrong inside the app; nothing was saved.');
      }
    });
    return channel;
  });
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
