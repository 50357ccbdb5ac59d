import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findRoute, type Collections } from './qdrant-double-ops';
import { QdrantFailure } from './qdrant-double-store';
import { QdrantSchema } from './qdrant-schema';

/** How the double misbehaves: answer 500, answer late, or drop the connection unanswered. */
export type QdrantFault = {
  mode: 'error500' | 'slow' | 'reset';
  /** How many requests it applies to; until cleared when absent. */
  times?: number;
  /** For `slow`: how long to wait before answering (default 1 s). */
  delayMs?: number;
  /** Only requests whose path matches. */
  path?: RegExp;
};

export type QdrantRequest = { method: string; path: string; query: string; body: unknown; apiKey: string | null };
export type SchemaFailure = { method: string; path: string; reason: string };

export type QdrantDouble = {
  /** http://127.0.0.1:<port>, for `QdrantStore({ url })`. */
  url: string;
  /** False on a fresh clone without ../shared/qdrant: requests are then not schema-checked. */
  validating: boolean;
  requests: QdrantRequest[];
  /** Requests the schema rejected (each was answered 400, as real Qdrant would). */
  validationFailures: SchemaFailure[];
  /** Answers of the double that did not match the schema (only with `checkResponses`). */
  responseFailures: SchemaFailure[];
  faults: { set(fault: QdrantFault): void; clear(): void };
  /** Forgets collections, recorded requests, failures and faults. */
  reset(): void;
  close(): Promise<void>;
};

export type QdrantDoubleOptions = {
  /** Also check each answer against the operation's response schema (the double's own tests). */
  checkResponses?: boolean;
  /** Require this API key in the `api-key` header, as a secured Qdrant does. */
  apiKey?: string;
  /** Another schema file (tests of the absent-schema path pass a missing one). */
  schemaFile?: string;
};

/**
 * A loopback stand-in for Qdrant's REST API that implements the endpoints the sync adapter
 * uses, refuses every request Qdrant's own OpenAPI schema refuses, and has fault modes.
 */
export async function startQdrantDouble(options: QdrantDoubleOptions = {}): Promise<QdrantDouble> {
  const schema = QdrantSchema.load(options.schemaFile);
  const collections: Collections = new Map();
  const timers = new Set<NodeJS.Timeout>();
  let fault: (QdrantFault & { left: number }) | null = null;

  const double: QdrantDouble = {
    url: '',
    validating: schema !== null,
    requests: [],
    validationFailures: [],
    responseFailures: [],
    faults: {
      set: (f) => (fault = { ...f, left: f.times ?? Number.POSITIVE_INFINITY }),
      clear: () => (fault = null),
    },
    reset: () => {
      collections.clear();
      double.requests.length = 0;
      double.validationFailures.length = 0;
      double.responseFailures.length = 0;
      fault = null;
    },
    close: () =>
      new Promise((resolve) => {
        timers.forEach(clearTimeout);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function send(req: IncomingMessage, res: ServerResponse, path: string, status: number, body: object): void {
    if (options.checkResponses && schema) {
      const reason = schema.checkResponse(req.method ?? '', path, status, body);
      if (reason) double.responseFailures.push({ method: req.method ?? '', path, reason });
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  const fail = (error: string) => ({ status: { error }, time: 0 });

  function answer(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): void {
    const method = req.method ?? '';
    const path = url.pathname;
    if (options.apiKey !== undefined && req.headers['api-key'] !== options.apiKey) {
      send(req, res, path, 401, fail('Unauthorized: Invalid API key or JWT'));
      return;
    }
    const match = findRoute(method, path);
    if (!match) {
      send(req, res, path, 404, fail(`Not found: the Qdrant double has no ${method} ${path}`));
      return;
    }
    let body: unknown;
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    } catch (e) {
      send(req, res, path, 400, fail(`Format error in JSON body: ${(e as Error).message}`));
      return;
    }
    const rejected = schema?.checkRequest(method, path, url.searchParams, body) ?? null;
    if (rejected) {
      double.validationFailures.push({ method, path, reason: rejected });
      send(req, res, path, 400, fail(rejected));
      return;
    }
    const started = process.hrtime.bigint();
    try {
      const result = match.handler(collections, match.name, (body ?? {}) as Record<string, unknown>, url.searchParams);
      const time = Number(process.hrtime.bigint() - started) / 1e9;
      // Qdrant answers `GET /` with the bare version info; everything else in its envelope.
      send(req, res, path, 200, path === '/' ? (result as object) : { result, status: 'ok', time });
    } catch (e) {
      if (!(e instanceof QdrantFailure)) throw e;
      send(req, res, path, e.status, fail(e.message));
    }
  }

  function takeFault(path: string): QdrantFault | null {
    if (!fault || fault.left <= 0 || (fault.path && !fault.path.test(path))) return null;
    fault.left -= 1;
    return fault;
  }

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://double');
      const key = req.headers['api-key'];
      double.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.search,
        body: raw === '' ? null : safeParse(raw),
        apiKey: typeof key === 'string' ? key : null,
      });
      const f = takeFault(url.pathname);
      if (f?.mode === 'reset') {
        req.socket.destroy();
      } else if (f?.mode === 'error500') {
        send(req, res, url.pathname, 500, fail('Service internal error: injected by the Qdrant double'));
      } else if (f?.mode === 'slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer(req, res, url, raw);
        }, f.delayMs ?? 1000);
        timers.add(timer);
      } else {
        answer(req, res, url, raw);
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
