import type { MethodInput, MethodName, MethodOutput, Result } from '../../../../shared/contract';
import { client } from '../../client/client';
import { unavailableError } from '../../client/unavailable';

/**
 * `call()` without the error banner. A backup, restore or check that fails is answered in
 * place, in the card that started it (a refused archive must be read beside the restore
 * summary, not in a banner at the top), and a cancel the trader asked for is no error.
 * The same helper as the import page's; both could move to client/ together.
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
