import type { MethodInput, MethodName, MethodOutput, Result } from '../../../../shared/contract';
import { client } from '../../client/client';
import { unavailableError } from '../../client/unavailable';

/**
 * `call()` without the error banner, for the import flow: its refusals ("which account?",
 * "format not recognised", a cancelled preview) are answered in place on the page, where a
 * banner would repeat them or, for a cancel the trader asked for, be wrong.
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
