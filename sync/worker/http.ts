import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readiness } from './worker';

export type HealthSource = {
  readiness(): Promise<Readiness>;
  metrics(): Promise<string>;
};

/**
 * The worker's probes for an orchestrator: `/healthz` (the process answers), `/readyz`
 * (Redis, PostgreSQL and the workers are up: 503 otherwise, so traffic and rollouts wait)
 * and `/metrics` (Prometheus text). Read-only, no job data, bound to loopback by default.
 */
export async function serveHealth(
  source: HealthSource,
  options: { host: string; port: number },
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return send(200, 'application/json', JSON.stringify({ ok: true }));
    if (path === '/readyz') {
      source.readiness().then(
        (r) => send(r.ready ? 200 : 503, 'application/json', JSON.stringify(r)),
        (error: unknown) => send(503, 'application/json', JSON.stringify({ ready: false, error: String(error) })),
      );
      return;
    }
    if (path === '/metrics') {
      source.metrics().then(
        (text) => send(200, 'text/plain; version=0.0.4; charset=utf-8', text),
        (error: unknown) => send(503, 'text/plain', `metrics unavailable: ${(error as Error).message}\n`),
      );
      return;
    }
    send(404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
