/**
 * One error type for everything that goes wrong talking to the trader's Qdrant, saying in
 * words which service failed and whether trying again later can help.
 */

/** A failed Qdrant call. `retryable` is true when the same call may succeed later. */
export class QdrantError extends Error {
  override readonly name = 'QdrantError';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The HTTP status Qdrant answered with; null when it never answered. */
    readonly status: number | null,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

// Node's fetch (undici) puts the socket error in `cause`; these mean "not reachable right now".
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'dropped the connection',
  UND_ERR_SOCKET: 'dropped the connection',
  UND_ERR_CLOSED: 'dropped the connection',
  EPIPE: 'dropped the connection',
  ETIMEDOUT: 'did not answer in time',
  UND_ERR_CONNECT_TIMEOUT: 'did not answer in time',
  ENOTFOUND: 'could not be found (check the address and your connection)',
  EAI_AGAIN: 'could not be found (check the address and your connection)',
  EHOSTUNREACH: 'could not be reached',
  ENETUNREACH: 'could not be reached',
};

function errorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

/** Qdrant puts its reason in `status.error`; fall back to the raw body. */
function reasonOf(data: unknown): string {
  const status = (data as { status?: unknown } | null)?.status;
  const text = (status as { error?: unknown } | null)?.error;
  if (typeof text === 'string') return text;
  if (typeof data === 'string' && data !== '') return data.slice(0, 200);
  return 'no reason given';
}

/** Turns whatever the Qdrant client threw into a QdrantError naming the service and the step. */
export function toQdrantError(url: string, doing: string, error: unknown, timeoutMs: number): QdrantError {
  if (error instanceof QdrantError) return error;
  const where = `Qdrant at ${url}`;
  const name = (error as { name?: unknown } | null)?.name;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') {
    const reason = reasonOf((error as { data?: unknown }).data);
    if (status === 401 || status === 403) {
      return new QdrantError(`${where} refused the API key while ${doing} (${status}): ${reason}`, false, status, {
        cause: error,
      });
    }
    const retryable = status >= 500 || status === 429 || status === 408;
    return new QdrantError(`${where} answered ${status} while ${doing}: ${reason}`, retryable, status, {
      cause: error,
    });
  }
  if (name === 'QdrantClientTimeoutError') {
    return new QdrantError(`${where} did not answer within ${timeoutMs} ms while ${doing}`, true, null, {
      cause: error,
    });
  }
  if (name === 'QdrantClientResourceExhaustedError') {
    return new QdrantError(`${where} is rate limiting requests while ${doing}; try again shortly`, true, 429, {
      cause: error,
    });
  }
  const code = errorCode(error);
  if (code !== null && code in NETWORK_CODES) {
    return new QdrantError(`${where} ${NETWORK_CODES[code]} while ${doing} (${code})`, true, null, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new QdrantError(`${where} failed while ${doing}: ${message}`, false, null, { cause: error });
}
