import type { MethodInput, MethodName, MethodOutput, Result } from '../../../shared/contract';
import { useNotices } from '../state/notices';
import { client } from './client';
import { unavailableError } from './unavailable';

/**
 * Invoke a contract method; a refusal is shown to the trader as a banner and still
 * returned, so the caller can also mark a form field or stop a spinner.
 */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
  let result: Result<MethodOutput<M>>;
  try {
    result = await client.invoke(method, input);
  } catch {
    // The IPC bridge can reject (window closing, worker restarting); the UI only deals in Results.
    result = { ok: false, error: unavailableError };
  }
  if (!result.ok) useNotices.getState().report(result.error);
  return result;
}
