/** Stable error codes; the UI maps each to words a trader understands. */
export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'UNKNOWN_METHOD',
  'SCHEMA_TOO_NEW',
  'STORAGE',
  'UNAVAILABLE',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** An error as a value, safe to send across any process boundary. */
export type AppError = {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: which fields were wrong, as dotted paths. */
  fields?: { path: string; message: string }[];
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside the core; turned into an `AppError` value at the door. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: AppError['fields'],
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, fields?: AppError['fields']): Result<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}
