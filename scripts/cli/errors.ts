import type { AppError, Result } from '../../shared/contract';

/** A problem the trader can fix (bad flag, unknown account): exit code 1. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Exit codes: 0 ok, 1 the trader's input or journal state, 2 something broke inside. */
export function exitCodeFor(error: AppError): 1 | 2 {
  return error.code === 'INTERNAL' || error.code === 'STORAGE' || error.code === 'UNAVAILABLE' ? 2 : 1;
}

/** The value of a successful result, or a thrown error carrying the right exit code. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const fields = result.error.fields?.map((f) => `  ${f.path}: ${f.message}`).join('\n');
  const message = fields ? `${result.error.message}\n${fields}` : result.error.message;
  if (exitCodeFor(result.error) === 1) throw new UserError(message);
  throw new Error(message);
}
