import type { MethodInput, MethodName, MethodOutput, Result } from '../../../shared/contract';
import { client } from './client';
import { unavailableError } from './unavailable';

/**
 * `call()` without the error banner, for flows that answer refusals in place: the import
 * page ("which account?", "format not recognised") and the backups page (a refused
 * archive is read beside the restore summary). A cancel the trader asked for is no error.
 */
export async function callQuietly<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutput<M>>> {
  try {
    return await client.invoke(method, input);
  } catch {
    return { ok: false, error: unavailableError };
  }
}
