import { connect, createServer, type Server, type Socket } from 'node:net';

/** Which way bytes flow: from the client to the server (queries, COPY data) or back (results). */
export type Direction = 'toServer' | 'toClient';

export type ProxyStats = {
  bytesToServer: number;
  bytesToClient: number;
  connectionsOpened: number;
  openConnections: number;
  /** Connections ended by cutAll / cutAfterBytes. */
  connectionsCut: number;
};

/** A TCP proxy in front of one server with switchable network faults. */
export type FaultProxy = {
  host: string;
  port: number;
  /** The same postgres:// or redis:// URL, with host:port pointing at the proxy. */
  url(original: string): string;
  /**
   * Holds every chunk `ms` before forwarding it, both ways, keeping order; `jitterMs` adds a
   * random 0..jitterMs more per chunk (never reordering: a chunk waits at least for the one before).
   */
  delay(ms: number, jitterMs?: number): void;
  /**
   * The next `connections` connections (default: all from now on) forward nothing, either way,
   * for their first `ms` (a slow start: the TCP connect succeeds, the handshake hangs). Open
   * connections are unaffected; 0 ms turns it off.
   */
  stallNew(ms: number, connections?: number): void;
  /** Back to a healthy network: no delay, and whatever a blackhole held flows on. */
  pass(): void;
  /** Connections are accepted and kept, but nothing is read or forwarded (a hung network). */
  blackhole(): void;
  /** Resets every open connection now, on both sides. */
  cutAll(): void;
  /** Resets the connection through which the next `bytes` bytes flowing in `direction` pass (once). */
  cutAfterBytes(bytes: number, direction: Direction): void;
  /** Stops listening: new connections fail with ECONNREFUSED (open ones are left alone). */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  accept(): Promise<void>;
  stats(): ProxyStats;
  close(): Promise<void>;
};

type Pipe = {
  source: Socket;
  dest: Socket;
  direction: Direction;
  queue: { chunk: Buffer; due: number }[];
  /** Nothing is forwarded before this time (a stalled start), and no chunk before the previous one's due. */
  notBefore: number;
  timer: NodeJS.Timeout | null;
  ended: boolean;
  waitingForDrain: boolean;
};

type Link = { client: Socket; server: Socket; pipes: [Pipe, Pipe] };

const defaultPorts: Record<string, number> = {
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'rediss:': 6379,
};

function parseTarget(target: string | { host: string; port: number }): { host: string; port: number } {
  if (typeof target !== 'string') return target;
  const url = new URL(target);
  const port = url.port ? Number(url.port) : defaultPorts[url.protocol];
  if (!port) throw new Error(`No port in ${target}`);
  return { host: url.hostname || '127.0.0.1', port };
}

function reset(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy(); // an RST, like a dropped network, rather than a polite FIN
  } catch {
    socket.destroy();
  }
}

/** Starts a proxy on 127.0.0.1 (a free port) forwarding to `target` (a URL or host and port). */
export async function startFaultProxy(target: string | { host: string; port: number }): Promise<FaultProxy> {
  const upstream = parseTarget(target);
  const links = new Set<Link>();
  const counters = { toServer: 0, toClient: 0, opened: 0, cut: 0 };
  let delayMs = 0;
  let jitterMs = 0;
  let stallMs = 0;
  let stallsLeft = 0;
  let holding = false;
  let cutPlan: { direction: Direction; remaining: number } | null = null;
  let port = 0;

  /** Stops forwarding on `link` at once; false if it was already gone. */
  const detach = (link: Link) => {
    if (!links.delete(link)) return false;
    counters.cut++;
    for (const pipe of link.pipes) if (pipe.timer) clearTimeout(pipe.timer);
    return true;
  };
  const cutLink = (link: Link) => {
    if (!detach(link)) return;
    reset(link.client);
    reset(link.server);
  };

  const deliver = (link: Link, pipe: Pipe, chunk: Buffer) => {
    if (cutPlan && cutPlan.direction === pipe.direction) {
      if (chunk.length >= cutPlan.remaining) {
        const head = chunk.subarray(0, cutPlan.remaining);
        cutPlan = null;
        counters[pipe.direction] += head.length;
        detach(link);
        // Reset only once the last allowed bytes were handed to the kernel, so the peer gets exactly n.
        pipe.dest.write(head, () => {
          reset(link.client);
          reset(link.server);
        });
        return;
      }
      cutPlan.remaining -= chunk.length;
    }
    counters[pipe.direction] += chunk.length;
    if (!pipe.dest.write(chunk) && !pipe.waitingForDrain) {
      // Backpressure: stop reading until the slow side catches up.
      pipe.waitingForDrain = true;
      pipe.source.pause();
      pipe.dest.once('drain', () => {
        pipe.waitingForDrain = false;
        if (!holding) pipe.source.resume();
      });
    }
  };

  const pump = (link: Link, pipe: Pipe) => {
    if (holding || pipe.timer || !links.has(link)) return;
    while (pipe.queue.length > 0) {
      const head = pipe.queue[0]!;
      const wait = head.due - Date.now();
      if (wait > 0) {
        pipe.timer = setTimeout(() => {
          pipe.timer = null;
          pump(link, pipe);
        }, wait);
        return;
      }
      pipe.queue.shift();
      deliver(link, pipe, head.chunk);
      if (!links.has(link)) return;
    }
    if (pipe.ended && !pipe.dest.destroyed) pipe.dest.end();
  };

  const onConnection = (client: Socket) => {
    counters.opened++;
    const server = connect(upstream.port, upstream.host);
    const stalled = stallsLeft > 0;
    if (stalled) stallsLeft--;
    const notBefore = Date.now() + (stalled ? stallMs : 0);
    const toServer: Pipe = {
      source: client,
      dest: server,
      direction: 'toServer',
      queue: [],
      notBefore,
      timer: null,
      ended: false,
      waitingForDrain: false,
    };
    const toClient: Pipe = {
      source: server,
      dest: client,
      direction: 'toClient',
      queue: [],
      notBefore,
      timer: null,
      ended: false,
      waitingForDrain: false,
    };
    const link: Link = { client, server, pipes: [toServer, toClient] };
    links.add(link);
    for (const pipe of link.pipes) {
      if (holding) pipe.source.pause();
      pipe.source.on('data', (chunk: Buffer) => {
        const due = Math.max(pipe.notBefore, Date.now() + delayMs + Math.floor(Math.random() * (jitterMs + 1)));
        pipe.notBefore = due;
        pipe.queue.push({ chunk, due });
        pump(link, pipe);
      });
      pipe.source.on('end', () => {
        pipe.ended = true;
        pump(link, pipe);
      });
      // A reset or refused connect on one side takes the other side down with it.
      pipe.source.on('error', () => {
        links.delete(link);
        reset(client);
        reset(server);
      });
      pipe.source.on('close', () => {
        if (client.destroyed && server.destroyed) links.delete(link);
      });
    }
  };

  let listener: Server | null = null;
  const listen = (onPort: number) =>
    new Promise<void>((resolve, reject) => {
      const next = createServer({ pauseOnConnect: false }, onConnection);
      next.once('error', reject);
      next.listen(onPort, '127.0.0.1', () => {
        next.off('error', reject);
        const address = next.address();
        if (typeof address === 'object' && address) port = address.port;
        listener = next;
        resolve();
      });
    });
  await listen(0);

  const stopListening = async () => {
    const current = listener;
    listener = null;
    // close() stops accepting at once; its callback would wait for open connections to end.
    current?.close();
    await new Promise((resolve) => setImmediate(resolve));
  };

  const proxy: FaultProxy = {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    url: (original) => {
      const url = new URL(original);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    delay: (ms, jitter = 0) => {
      delayMs = ms;
      jitterMs = jitter;
    },
    stallNew: (ms, connections = Number.POSITIVE_INFINITY) => {
      stallMs = ms;
      stallsLeft = ms > 0 ? connections : 0;
    },
    pass: () => {
      delayMs = 0;
      jitterMs = 0;
      stallsLeft = 0;
      holding = false;
      for (const link of links) {
        for (const pipe of link.pipes) {
          if (!pipe.waitingForDrain) pipe.source.resume();
          pump(link, pipe);
        }
      }
    },
    blackhole: () => {
      holding = true;
      for (const link of links) for (const pipe of link.pipes) pipe.source.pause();
    },
    cutAll: () => {
      for (const link of [...links]) cutLink(link);
    },
    cutAfterBytes: (bytes, direction) => {
      cutPlan = { direction, remaining: bytes };
    },
    refuse: stopListening,
    accept: async () => {
      if (listener) return;
      // The old listening socket closes on the next tick; retry briefly if the port is not back yet.
      for (let attempt = 0; ; attempt++) {
        try {
          await listen(port);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    },
    stats: () => ({
      bytesToServer: counters.toServer,
      bytesToClient: counters.toClient,
      connectionsOpened: counters.opened,
      openConnections: links.size,
      connectionsCut: counters.cut,
    }),
    close: async () => {
      await stopListening();
      for (const link of [...links]) {
        links.delete(link);
        for (const pipe of link.pipes) if (pipe.timer) clearTimeout(pipe.timer);
        link.client.destroy();
        link.server.destroy();
      }
    },
  };
  return proxy;
}
