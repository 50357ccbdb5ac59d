import type { EventMap, EventName, Result } from '../../shared/contract';
import { eventNames } from '../../shared/contract/events';
import type { ErrorCode } from '../../shared/contract/errors';
import type { SecretStorageInfo } from '../../shared/contract/secrets';
import type { KeptSecrets } from '../core/secrets/secret-holder';

/**
 * Messages between main and the core worker (a utilityProcess). Everything crosses a
 * structured-clone boundary, so each side checks the shape of what it receives.
 */

/**
 * main → worker over `process.parentPort`, once: where the journal is, and the secrets main
 * read from its keychain file (this channel never reaches a renderer); the MessagePort rides along.
 */
export type InitMessage = { type: 'init'; dataDir: string; secrets?: WorkerSecrets };
export type WorkerSecrets = { storage: SecretStorageInfo; kept: KeptSecrets };

/** main → worker over the MessagePort. */
export type RequestMessage = { type: 'request'; id: number; method: string; input: unknown; cid?: string };
export type ShutdownMessage = { type: 'shutdown' };
export type MainToWorker = RequestMessage | ShutdownMessage;

/** worker → main over the MessagePort (or `parentPort` for `fatal`, when no port is usable). */
export type ResponseMessage = { type: 'response'; id: number; result: Result<unknown> };
export type EventMessage<E extends EventName = EventName> = { type: 'event'; event: E; payload: EventMap[E] };
export type ClosedMessage = { type: 'closed' };
/** The core could not start (newer schema, unreadable disk, native module built for another ABI). */
export type FatalMessage = { type: 'fatal'; code: ErrorCode; message: string };
export type WorkerToMain = ResponseMessage | EventMessage | ClosedMessage | FatalMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isInitMessage(value: unknown): value is InitMessage {
  return isRecord(value) && value.type === 'init' && typeof value.dataDir === 'string' && value.dataDir !== '';
}

export function isMainToWorker(value: unknown): value is MainToWorker {
  if (!isRecord(value)) return false;
  if (value.type === 'shutdown') return true;
  return (
    value.type === 'request' &&
    typeof value.id === 'number' &&
    typeof value.method === 'string' &&
    (value.cid === undefined || typeof value.cid === 'string')
  );
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as string[]).includes(name);
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return true;
  return value.ok === false && isRecord(value.error) && typeof value.error.code === 'string';
}

export function isWorkerToMain(value: unknown): value is WorkerToMain {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'response':
      return typeof value.id === 'number' && isResult(value.result);
    case 'event':
      return isEventName(value.event);
    case 'closed':
      return true;
    case 'fatal':
      return typeof value.code === 'string' && typeof value.message === 'string';
    default:
      return false;
  }
}
