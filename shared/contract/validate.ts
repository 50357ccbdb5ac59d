import type { z } from 'zod';
import { contract, type MethodName, type Result } from '../contract';
import { fail } from './errors';

/**
 * Check an input against the method's zod schema. Every door uses this (Electron main
 * before relaying, the core for HTTP and the CLI), so the wording and field paths a
 * trader sees are the same whichever way a call came in.
 */
export function validateInput(method: MethodName, input: unknown): Result<unknown> {
  const parsed = (contract[method].input as z.ZodType).safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const first = fields[0];
  const summary = first ? `${first.path} ${first.message}` : 'the request was not understood';
  return fail('INVALID_INPUT', `Please check the form: ${summary}.`, fields);
}
