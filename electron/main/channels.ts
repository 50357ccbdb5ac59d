import type { MethodName } from '../../shared/contract';

/**
 * IPC channel names between preload and main. One channel per contract method, so main
 * can register exactly the contract with `ipcMain.handle` and nothing else is reachable.
 */
export function invokeChannel(method: MethodName): `tpj:${MethodName}` {
  return `tpj:${method}`;
}

/** Core events travel main → renderer on this one channel as `{event, payload}`. */
export const EVENT_CHANNEL = 'tpj:event';

/** What travels on EVENT_CHANNEL. */
export type EventEnvelope = { event: string; payload: unknown };
