import { SqliteError } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { isMethodName, type Handlers } from '../../shared/contract';
import { validateInput } from '../../shared/contract/validate';
import { CoreError, fail, ok, type Result } from '../../shared/contract/errors';
import type { Logger } from './log/logger';

/** Which door a call came through, for the logs. */
export type CallMeta = { door: 'ipc' | 'http' | 'cli' | 'test'; cid?: string };

/**
 * The one entry point every door uses: validates the input against the contract, runs
 * the handler, and turns every failure into an error value with a stable code.
 */
export async function invokeHandler(
  handlers: Handlers,
  logger: Logger,
  method: string,
  rawInput: unknown,
  meta: CallMeta,
): Promise<Result<unknown>> {
  const cid = meta.cid ?? randomUUID();
  const log = logger.child({ cid, method, door: meta.door });
  const started = performance.now();
  if (!isMethodName(method)) {
    log.warn('unknown method');
    return fail('UNKNOWN_METHOD', `"${method}" is not something this version of the app can do.`);
  }
  const parsed = validateInput(method, rawInput);
  if (!parsed.ok) {
    log.info({ fields: parsed.error.fields }, 'invalid input');
    return parsed;
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(parsed.value);
    log.debug({ ms: round(performance.now() - started) }, 'ok');
    return ok(value);
  } catch (error) {
    return toErrorResult(error, log);
  }
}

function toErrorResult(error: unknown, log: Logger): Result<never> {
  if (error instanceof CoreError) {
    log.info({ code: error.code }, error.message);
    return fail(error.code, error.message, error.fields);
  }
  if (error instanceof SqliteError) {
    log.error({ err: error, sqliteCode: error.code }, 'storage error');
    if (error.code === 'SQLITE_FULL')
      return fail('STORAGE', 'The disk is full; free some space and try again. Nothing was saved.');
    if (error.code === 'SQLITE_BUSY') return fail('UNAVAILABLE', 'The journal is busy; try again in a moment.');
    if (error.code.startsWith('SQLITE_CONSTRAINT'))
      return fail('CONFLICT', 'That change clashes with existing data; nothing was saved.');
    return fail(
      'STORAGE',
      'The journal could not be read or written; nothing was saved. Run `tpj doctor` for details.',
    );
  }
  log.error({ err: error }, 'internal error');
  return fail('INTERNAL', 'Something went wrong inside the app; nothing was saved. The details are in the log.');
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
