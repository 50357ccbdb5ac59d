import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the double answers the next request(s). */
export type GeminiFault =
  | { kind: 'ok' }
  | { kind: 'error500' }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed' }
  | { kind: 'wrongDimensions'; dims: number };

export type RecordedRequest = { method: string; path: string; search: string; apiKey: string | null; body: unknown };

export type GeminiDouble = {
  /** Base URL for `httpOptions.baseUrl` / TPJ_GEMINI_BASE_URL: http://127.0.0.1:<port>. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** The text the model "writes" (split into a few SSE chunks when streamed). */
  answerText: string;
  /** Faults served in order, one per request; when none are queued, `always` answers. */
  queue(...faults: GeminiFault[]): void;
  always: GeminiFault;
  close(): Promise<void>;
};

/**
 * A loopback stand-in for the Gemini REST API (v1beta): `models/{m}:generateContent`,
 * `:streamGenerateContent?alt=sse`, `:batchEmbedContents` and `GET models/{m}`, with fault
 * modes. It checks the `x-goog-api-key` header against `apiKey` like the real service.
 */
export async function startGeminiDouble(apiKey: string, embeddingDims = 768): Promise<GeminiDouble> {
  const pending: GeminiFault[] = [];
  const slowTimers = new Set<NodeJS.Timeout>();
  const double: GeminiDouble = {
    baseUrl: '',
    requests: [],
    answerText: 'Fine.',
    queue: (...faults) => pending.push(...faults),
    always: { kind: 'ok' },
    close: () =>
      new Promise((resolve) => {
        slowTimers.forEach(clearTimeout);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://double');
      const key = req.headers['x-goog-api-key'];
      double.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        search: url.search,
        apiKey: typeof key === 'string' ? key : null,
        body: raw ? (JSON.parse(raw) as unknown) : null,
      });
      const fault = pending.shift() ?? double.always;
      if (key !== apiKey) return sendJson(res, 400, apiError(400, 'API key not valid.', 'INVALID_ARGUMENT'));
      if (fault.kind === 'slow') {
        const timer = setTimeout(() => {
          slowTimers.delete(timer);
          route(url.pathname, raw, { kind: 'ok' }, res);
        }, fault.delayMs);
        slowTimers.add(timer);
        return;
      }
      route(url.pathname, raw, fault, res);
    });
  });

  function route(path: string, raw: string, fault: GeminiFault, res: ServerResponse): void {
    if (fault.kind === 'error500') return sendJson(res, 500, apiError(500, 'Internal error.', 'INTERNAL'));
    if (fault.kind === 'rateLimited') {
      res.setHeader('retry-after', String(fault.retryAfterSeconds));
      return sendJson(res, 429, apiError(429, 'Resource exhausted.', 'RESOURCE_EXHAUSTED'));
    }
    const match = /^\/v1beta\/models\/([^/:]+)(?::(\w+))?$/.exec(path);
    if (!match) return sendJson(res, 404, apiError(404, `No route ${path}`, 'NOT_FOUND'));
    const [, model, verb] = match;
    if (fault.kind === 'malformed') {
      if (verb === 'streamGenerateContent') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return void res.end('data: {"candidates": [{"content": {"parts": [{"text": "Hal\r\n\r\n');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"candidates": [{"content": ');
    }
    if (verb === undefined) return sendJson(res, 200, { name: `models/${model}`, displayName: model });
    if (verb === 'generateContent') return sendJson(res, 200, candidate(double.answerText));
    if (verb === 'streamGenerateContent') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of chunks(double.answerText)) res.write(`data: ${JSON.stringify(candidate(piece))}\r\n\r\n`);
      return void res.end();
    }
    if (verb === 'batchEmbedContents') {
      const dims = fault.kind === 'wrongDimensions' ? fault.dims : embeddingDims;
      const requests = ((JSON.parse(raw) as { requests?: unknown[] }).requests ?? []).length;
      const embeddings = Array.from({ length: requests }, (_, i) => ({
        values: Array.from({ length: dims }, (_, d) => Math.sin(i + d)),
      }));
      return sendJson(res, 200, { embeddings });
    }
    sendJson(res, 404, apiError(404, `Unknown method ${verb}`, 'NOT_FOUND'));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}

function candidate(text: string) {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    modelVersion: 'double',
  };
}

/** Three roughly equal pieces, so a stream has several events. */
function chunks(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function apiError(code: number, message: string, status: string) {
  return { error: { code, message, status } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => resolve(raw));
    req.on('error', reject);
  });
}
