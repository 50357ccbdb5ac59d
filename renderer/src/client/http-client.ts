import type { EventMap, EventName, MethodName, Result, TpjClient } from '../../../shared/contract';
import { entityNames } from '../../../shared/contract/events';
import { unavailableError } from './unavailable';

type Fetch = typeof fetch;
type EventSourceFactory = (url: string) => EventSource;

export type HttpClientOptions = {
  /** Prefix for `/rpc/...` and `/events`; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: Fetch;
  eventSource?: EventSourceFactory;
};

/**
 * The contract over the loopback host (`tpj serve`). The host's HttpOnly cookie
 * authenticates every request, so the client never sees or sends the token.
 */
export function createHttpClient(options: HttpClientOptions = {}): TpjClient {
  const baseUrl = options.baseUrl ?? '';
  // Read fetch at call time so tests (and polyfills) that replace it later still apply.
  const doFetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const events = createEventStream(`${baseUrl}/events`, options.eventSource ?? ((url) => new EventSource(url)));

  return {
    async invoke(method, input) {
      return postRpc(doFetch, `${baseUrl}/rpc/${method}`, method, input);
    },
    on(event, listener) {
      return events.subscribe(event, listener);
    },
  };
}

async function postRpc<T>(doFetch: Fetch, url: string, method: MethodName, input: unknown): Promise<Result<T>> {
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  } catch {
    return { ok: false, error: unavailableError };
  }
  try {
    // The host answers every call, even refused ones, with a Result body; pass it through untouched.
    const body: unknown = await response.json();
    if (isResult(body)) return body as Result<T>;
  } catch {
    // Not JSON: a proxy error page or a host that is not ours; fall through to a plain error.
  }
  if (response.status === 401) {
    return {
      ok: false,
      error: {
        code: 'UNAUTHORIZED',
        message: 'This page is no longer signed in. Open the address printed by `tpj serve` again.',
      },
    };
  }
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `The journal gave an unexpected answer to ${method} (HTTP ${response.status}).`,
    },
  };
}

function isResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

type AnyListener = (payload: never) => void;

/**
 * One EventSource shared by every subscriber, opened on the first subscription.
 * EventSource reconnects by itself after a dropped connection.
 */
function createEventStream(url: string, open: EventSourceFactory) {
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<AnyListener>>();

  function ensureSource(): EventSource {
    if (source) return source;
    source = open(url);
    // Changes made while the stream was (re)connecting were not sent to us: when it opens,
    // tell every view to refresh, as if everything had changed.
    source.addEventListener('open', () => {
      const set = listeners.get('journal.changed');
      for (const listener of [...(set ?? [])]) (listener as (p: unknown) => void)({ entities: entityNames });
      const charts = listeners.get('ticks.changed');
      for (const listener of [...(charts ?? [])]) (listener as (p: unknown) => void)({ symbols: null });
    });
    return source;
  }

  function addDomListener(event: EventName, set: Set<AnyListener>): void {
    ensureSource().addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return; // A malformed event is dropped; the next status or change event brings the view up to date.
      }
      for (const listener of [...set]) (listener as (p: unknown) => void)(payload);
    });
  }

  return {
    subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        addDomListener(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
