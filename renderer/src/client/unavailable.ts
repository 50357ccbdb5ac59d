import type { AppError } from '../../../shared/contract';

/** What every call returns when the core cannot be reached at all (host stopped, network gone). */
export const unavailableError: AppError = {
  code: 'UNAVAILABLE',
  message: 'The journal is not reachable. Check that Trading Path Journal is still running, then try again.',
};
