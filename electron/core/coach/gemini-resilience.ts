import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IRetryBackoffContext,
} from 'cockatiel';

/** How hard to try Gemini before the local coach answers instead. */
export type ResilienceOptions = {
  /** Per attempt, including the streamed body. */
  timeoutMs: number;
  /** Retries after the first attempt (429, 5xx, network, timeout). */
  retries: number;
  /** First backoff; doubled per retry, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 asking for a longer wait than this is not waited for: the local coach answers now. */
  maxRetryAfterMs: number;
  /** Consecutive failed attempts that open the breaker, and how long it stays open. */
  breakerFailures: number;
  breakerOpenMs: number;
};

export const defaultResilience: ResilienceOptions = {
  timeoutMs: 30_000,
  retries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 10_000,
  breakerFailures: 5,
  breakerOpenMs: 60_000,
};

/** A non-2xx answer of the Gemini endpoint, with its Retry-After (ms) when one was sent. */
export class GeminiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
    detail: string,
  ) {
    super(`Gemini answered HTTP ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'GeminiHttpError';
  }
}

/** The response could not be read as Gemini's JSON, or held no text. */
export class GeminiMalformedError extends Error {
  constructor(detail: string) {
    super(`Gemini's response could not be read: ${detail}`);
    this.name = 'GeminiMalformedError';
  }
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function isRetryable(error: Error, options: ResilienceOptions): boolean {
  if (error instanceof GeminiHttpError) {
    if (error.status === 429) return (error.retryAfterMs ?? 0) <= options.maxRetryAfterMs;
    return error.status >= 500 || error.status === 408;
  }
  if (error instanceof BrokenCircuitError || error instanceof GeminiMalformedError) return false;
  // Timeouts and network failures (fetch's TypeError) are worth another try.
  return error instanceof TaskCancelledError || error instanceof TypeError;
}

/**
 * Retry (outermost) → breaker → timeout per attempt. Each attempt counts toward the
 * breaker, so a dead endpoint opens it quickly; an open breaker is not retried. The
 * breaker lives as long as the returned policy: keep one per provider.
 */
export function geminiPolicy(options: ResilienceOptions) {
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
    const error = 'error' in context.result ? context.result.error : undefined;
    const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (context.attempt - 1));
    if (error instanceof GeminiHttpError && error.retryAfterMs !== null) return error.retryAfterMs;
    return exponential;
  });
  const retrying = retry(
    handleWhen((e) => isRetryable(e, options)),
    { maxAttempts: options.retries, backoff },
  );
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.breakerOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerFailures),
  });
  const perAttempt = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
  return { policy: wrap(retrying, breaker, perAttempt), breaker };
}

/** Why the local coach answered, in words for the trader; never holds a key or a stack. */
export function fallbackReasonOf(error: unknown): string {
  if (error instanceof BrokenCircuitError) return 'Gemini failed several times in a row, so it is paused for a while';
  if (error instanceof TaskCancelledError) return 'Gemini did not answer in time';
  if (error instanceof GeminiMalformedError) return 'Gemini sent a response that could not be read';
  if (error instanceof GeminiHttpError) {
    if (error.status === 429) return 'Gemini is rate-limiting requests; try again later';
    if (error.status === 400 || error.status === 401 || error.status === 403)
      return `Gemini refused the request (HTTP ${error.status}); check the API key and model`;
    if (error.status === 404) return 'Gemini does not know that model (HTTP 404)';
    return `Gemini had a server error (HTTP ${error.status})`;
  }
  if (error instanceof TypeError) return 'Gemini could not be reached (network)';
  return 'Gemini failed unexpectedly';
}
