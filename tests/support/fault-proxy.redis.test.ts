import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, type TestRedis } from './cloud-services';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

// The fault proxy between a real ioredis client and the run's Redis.

let space: TestRedis;
let proxy: FaultProxy;
const clients: Redis[] = [];

beforeAll(async () => {
  space = await testRedis();
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.disconnect());
  await proxy?.close();
});
afterAll(async () => {
  await space?.cleanup();
});

/** A client that reports a lost connection instead of quietly reconnecting and resending. */
async function connectClient(url: string, options: RedisOptions = {}): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, ...options });
  client.on('error', () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('fault proxy in front of Redis', () => {
  it('passes commands and pub/sub messages through', async () => {
    proxy = await startFaultProxy(space.url);
    const client = await connectClient(proxy.url(space.url));
    await client.set(`${space.prefix}greeting`, 'hello');
    expect(await client.get(`${space.prefix}greeting`)).toBe('hello');

    const subscriber = await connectClient(proxy.url(space.url));
    const received = new Promise<string>((resolve) =>
      subscriber.on('message', (_channel, message: string) => resolve(message)),
    );
    await subscriber.subscribe(`${space.prefix}nudge`);
    const direct = await connectClient(space.url);
    await direct.publish(`${space.prefix}nudge`, 'pull now');
    expect(await received).toBe('pull now');
    expect(proxy.stats().connectionsOpened).toBe(2);
  });

  it('a cut while a command waits fails that command, and the next connection works', async () => {
    proxy = await startFaultProxy(space.url);
    const client = await connectClient(proxy.url(space.url), { connectionName: 'tpj-cut-blpop' });
    const waiting = client.blpop(`${space.prefix}empty-list`, 0);
    const direct = await connectClient(space.url);
    await waitFor(
      async () => /name=tpj-cut-blpop .*cmd=blpop/.test(String(await direct.client('LIST'))),
      'BLPOP to block',
    );
    proxy.cutAll();
    await expect(waiting).rejects.toThrow();

    const next = await connectClient(proxy.url(space.url));
    expect(await next.ping()).toBe('PONG');
  });

  it('cutAfterBytes toClient cuts a big reply midway', async () => {
    proxy = await startFaultProxy(space.url);
    const direct = await connectClient(space.url);
    await direct.set(`${space.prefix}big`, 'x'.repeat(300_000));
    const client = await connectClient(proxy.url(space.url));
    proxy.cutAfterBytes(10_000, 'toClient');
    await expect(client.get(`${space.prefix}big`)).rejects.toThrow();
    expect(proxy.stats().connectionsCut).toBe(1);
  });

  it('refuse makes connects fail with ECONNREFUSED; accept brings the same port back', async () => {
    proxy = await startFaultProxy(space.url);
    const port = proxy.port;
    await proxy.refuse();
    // ioredis rejects connect() with "Connection is closed."; the socket's own error says why.
    const refused = new Redis(proxy.url(space.url), { lazyConnect: true, retryStrategy: () => null });
    clients.push(refused);
    const firstError = new Promise<Error>((resolve) => refused.once('error', resolve));
    await expect(refused.connect()).rejects.toThrow();
    expect(await firstError).toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.accept();
    expect(proxy.port).toBe(port);
    expect(await (await connectClient(proxy.url(space.url))).ping()).toBe('PONG');
  });

  it('delay slows a connection but a pipeline still answers in order', async () => {
    proxy = await startFaultProxy(space.url);
    const slow = await connectClient(proxy.url(space.url));
    const direct = await connectClient(space.url);
    proxy.delay(500);
    const finished: string[] = [];
    const pipeline = slow.pipeline();
    for (let i = 0; i < 200; i++) pipeline.incr(`${space.prefix}counter`);
    const viaProxy = pipeline.exec().then((results) => {
      finished.push('proxy');
      return results;
    });
    await direct.ping().then(() => finished.push('direct'));
    const results = await viaProxy;
    expect(finished).toEqual(['direct', 'proxy']);
    expect(results?.map(([error, value]) => (error ? String(error) : value))).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
  });

  it('blackhole holds a command until pass', async () => {
    proxy = await startFaultProxy(space.url);
    const client = await connectClient(proxy.url(space.url));
    proxy.blackhole();
    const sentBefore = proxy.stats().bytesToServer;
    let settled = false;
    const pending = client.echo('still here').finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    expect(proxy.stats().bytesToServer).toBe(sentBefore); // nothing was forwarded while held
    proxy.pass();
    expect(await pending).toBe('still here');
  });
});
