import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventMap, EventName } from '../../../shared/contract';
import { isMethodName } from '../../../shared/contract';
import type { Core } from '../core';
import { hostHeaderAllowed, isLoopback, newToken, originAllowed, TOKEN_COOKIE, tokenMatches, tokenOf } from './auth';
import { serveStatic } from './static-files';

export type HostOptions = {
  core: Core;
  /** Loopback only; anything else is refused. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer); without it only the API is served. */
  rendererDir?: string;
  token?: string;
};

export type Host = { url: string; port: number; token: string; close: () => Promise<void> };

// Room for a 30 MB import file as base64 (40 MB) plus its JSON framing.
const MAX_BODY_BYTES = 48 * 1024 * 1024;

/**
 * The loopback door: the contract over `POST /rpc/<method>`, events over
 * server-sent events at `/events`, and the built UI. Every request needs the run's token.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new Error(`Refusing to serve on ${host}: the journal host only listens on this computer (127.0.0.1).`);
  }
  const token = options.token ?? newToken();
  const streams = new Set<ServerResponse>();
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.core.logger.error({ err: error }, 'host request failed');
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed.' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!hostHeaderAllowed(req, port)) return void res.writeHead(403).end();
    // First visit: the token arrives in the address, becomes an HttpOnly cookie, and leaves the address bar.
    const fromQuery = url.searchParams.get('token');
    if (req.method === 'GET' && fromQuery !== null && tokenMatches(fromQuery, token)) {
      url.searchParams.delete('token');
      res.writeHead(302, {
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search,
      });
      return void res.end();
    }
    if (!tokenMatches(tokenOf(req), token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Open the address printed by `tpj serve`; it carries the access token.');
    }
    if (url.pathname.startsWith('/rpc/')) return rpc(req, res, url.pathname.slice(5));
    if (url.pathname === '/events' && req.method === 'GET') return eventStream(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (!options.rendererDir) return void res.writeHead(404).end();
    serveStatic(options.rendererDir, url.pathname, res);
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    if (!originAllowed(req, port)) return void res.writeHead(403).end();
    if (!isMethodName(method)) {
      return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No such method: ${method}` } });
    }
    const body = await readBody(req);
    if (body === null) {
      return sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is too large.' } });
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' },
      });
    }
    const cid = typeof req.headers['x-correlation-id'] === 'string' ? req.headers['x-correlation-id'] : randomUUID();
    const result = await options.core.invoke(method, input, { door: 'http', cid });
    sendJson(res, 200, result);
  }

  function eventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const send = <E extends EventName>(event: E, payload: EventMap[E]) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    const off = options.core.events.onAny(send);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      off();
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
