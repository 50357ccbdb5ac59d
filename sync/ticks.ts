import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { PoolClient, QueryResult } from 'pg';
import type { CloudDb } from './postgres';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, tickCopyRows, type TickRow } from './tick-copy';

/** One (symbol, UTC day) of ticks: the unit ticks are uploaded and verified in. */
export type TickChunk = { symbol: string; day: string };

/** Tick times are UTC epoch microseconds (DESIGN §2). */
const DAY_US = 86_400_000_000;

export function pendingTickChunks(db: Database, limit: number): (TickChunk & { count: number })[] {
  return db
    .prepare(`SELECT symbol, day, count FROM tick_chunks WHERE uploaded_at IS NULL ORDER BY symbol, day LIMIT ?`)
    .all(limit) as (TickChunk & { count: number })[];
}

/** A double's exact bits, as PostgreSQL's float8send gives them: both sides hash the same text. */
const bits = Buffer.alloc(8);
function hex(value: number): string {
  bits.writeDoubleBE(value, 0);
  return bits.toString('hex');
}

/**
 * `hex` remembered per value: a day of ticks repeats a few hundred price levels and sizes, so
 * most of a chunk's 2 × rows conversions are lookups. Cleared when it grows past `limit`.
 */
function hexCache(limit = 65_536): (value: number) => string {
  const known = new Map<number, string>();
  return (value) => {
    let text = known.get(value);
    if (text === undefined) {
      if (known.size >= limit) known.clear();
      text = hex(value);
      known.set(value, text);
    }
    return text;
  };
}

/** Rows handed to the hash at once: one native call per block instead of one per row. */
const HASH_BLOCK = 4_096;

/** sha256 of `ts,seq,bits(price),bits(size)` lines joined by newlines, in (ts, seq) order. */
function chunkHash(rows: readonly TickRow[], bitsOf: (value: number) => string): string {
  const hash = createHash('sha256');
  let block: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const [ts, seq, price, size] = rows[i]!;
    block.push(`${ts},${seq},${bitsOf(price)},${bitsOf(size)}`);
    if (block.length === HASH_BLOCK) {
      // Rows are joined by newlines across blocks too: the text hashed is the same as row by row.
      hash.update(i + 1 === HASH_BLOCK ? block.join('\n') : `\n${block.join('\n')}`);
      block = [];
    }
  }
  if (block.length > 0) hash.update(rows.length <= HASH_BLOCK ? block.join('\n') : `\n${block.join('\n')}`);
  return hash.digest('hex');
}

/** The server's count and sha256 of a chunk's rows, in the local hash's text and order. */
const ECHO = `count(*) AS count, encode(sha256(convert_to(string_agg(d.ts || ',' || d.seq || ','
  || encode(float8send(d.price), 'hex') || ',' || encode(float8send(d.size), 'hex'), E'\\n' ORDER BY d.ts, d.seq), 'UTF8')), 'hex') AS sha256`;

type Echo = { part: number; count: string; sha256: string | null };

/**
 * Chunks per COPY + INSERT round of an upload: while the server inserts and echoes one
 * round, the device reads and hashes the next, so neither side waits for the other.
 */
const ROUND = 8;

/**
 * Upload chunks in one server transaction: COPY into a temporary table, insert what the
 * cloud lacks, then have the server count and hash the chunk's rows as it now stores
 * them. A chunk is marked uploaded only when that echo equals the local count and hash.
 */
export async function pushTickChunks(
  db: Database,
  cloud: CloudDb,
  deviceId: string,
  chunks: readonly TickChunk[],
  failpoint: (name: 'ticks:mid-copy') => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  if (chunks.length === 0) return 0;
  // Arrays, not objects: a million ticks is a million row objects saved.
  const read = db
    .prepare(`SELECT ts, seq, price, size FROM ticks WHERE symbol = ? AND ts >= ? AND ts < ? ORDER BY ts, seq`)
    .raw();
  const starts = chunks.map((chunk) => Date.parse(`${chunk.day}T00:00:00Z`) * 1000);
  const local: { count: number; sha256: string }[] = [];
  const bitsOf = hexCache();
  /** Read, hash and encode chunks [lo, hi); rows are staged by chunk index, not symbol: less to send. */
  const prepare = (lo: number, hi: number): Buffer[] => {
    const out: Buffer[] = [];
    for (let part = lo; part < Math.min(hi, chunks.length); part++) {
      const rows = read.all(chunks[part]!.symbol, starts[part], starts[part]! + DAY_US) as TickRow[];
      local[part] = { count: rows.length, sha256: chunkHash(rows, bitsOf) };
      out.push(tickCopyRows(part, rows));
    }
    return out;
  };
  const parts = chunks.map((_, part) => part);
  const symbols = chunks.map((chunk) => chunk.symbol);
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  let ready = prepare(0, ROUND);
  await cloud.transaction(async (client: PoolClient) => {
    await cloud.lockWorkspace(client);
    // Rows and their chunk record are committed together under this lock: a chunk the cloud
    // has no record of has no rows there yet, and keeps having none until we commit.
    const recorded = await client.query<{ part: number }>(
      `SELECT c.part FROM unnest($2::int[], $3::text[], $4::text[]) AS c(part, symbol, day)
       JOIN tpj.tick_chunks k ON k.workspace_id = $1 AND k.symbol = c.symbol AND k.day = c.day`,
      [cloud.workspaceId, parts, symbols, chunks.map((chunk) => chunk.day)],
    );
    const known = new Set(recorded.rows.map((r) => r.part));
    // Literals, not parameters: only a parameterless query may hold several statements, and
    // a round's statements must go in one message to keep the server busy (see below).
    const workspace = client.escapeLiteral(cloud.workspaceId);
    const values = (only: number[]) =>
      `(VALUES ${only.map((part) => `(${part}, ${client.escapeLiteral(symbols[part]!)}, ${starts[part]!}::bigint)`).join(', ')})`;
    const insert = (stage: string, only: number[], conflict: string) =>
      `INSERT INTO tpj.tick_data (workspace_id, symbol, ts, seq, price, size)
       SELECT ${workspace}, c.symbol, s.ts, s.seq, s.price, s.size
       FROM ${stage} s JOIN ${values(only)} AS c(part, symbol, start) ON c.part = s.part ${conflict};`;
    // Echo each chunk's day of rows by key range: an index range scan, no join with the stage.
    const echo = (only: number[]) =>
      `SELECT c.part, e.count, e.sha256 FROM ${values(only)} AS c(part, symbol, start)
       CROSS JOIN LATERAL (SELECT ${ECHO} FROM tpj.tick_data d
         WHERE d.workspace_id = ${workspace} AND d.symbol = c.symbol AND d.ts >= c.start AND d.ts < c.start + ${DAY_US}) e;`;
    const ranged: Echo[] = [];
    for (let lo = 0; lo < chunks.length; lo += ROUND) {
      const round = parts.slice(lo, lo + ROUND);
      const stage = `tpj_tick_stage_${lo}`;
      await client.query(
        `CREATE TEMP TABLE ${stage} (part int, ts bigint, seq bigint, price float8, size float8) ON COMMIT DROP`,
      );
      const copy = client.query(from(`COPY ${stage} FROM STDIN (FORMAT binary)`));
      await pipeline(Readable.from([COPY_BINARY_HEADER, ...ready, COPY_BINARY_TRAILER]), copy);
      if (lo === 0) await failpoint('ticks:mid-copy');
      const fresh = round.filter((part) => !known.has(part));
      const again = round.filter((part) => known.has(part));
      // A plain INSERT skips the conflict check per row (about a third of the insert). Should
      // rows be there without a record all the same (deleted by hand), take the slow way.
      const sql = [
        fresh.length > 0
          ? `SAVEPOINT tpj_fresh_ticks; ${insert(stage, fresh, '')} RELEASE SAVEPOINT tpj_fresh_ticks;`
          : '',
        again.length > 0 ? insert(stage, again, 'ON CONFLICT DO NOTHING') : '',
        echo(round),
      ].join('\n');
      // Sent now; the next round is read and hashed while the server inserts and echoes this one.
      const sent = client.query(sql) as unknown as Promise<QueryResult<Echo>[]>;
      let results: QueryResult<Echo>[];
      try {
        ready = prepare(lo + ROUND, lo + 2 * ROUND);
      } finally {
        // Awaited even when the local read throws: a rejection must not go unheard.
        results = await sent.catch(async (error: unknown) => {
          if ((error as { code?: string }).code !== '23505') throw error;
          await client.query(`ROLLBACK TO SAVEPOINT tpj_fresh_ticks`);
          return [await client.query<Echo>(`${insert(stage, round, 'ON CONFLICT DO NOTHING')}\n${echo(round)}`)].flat();
        });
      }
      ranged.push(...results.at(-1)!.rows);
    }
    const differs = (e: Echo | undefined) =>
      !e || Number(e.count) !== local[e.part]!.count || e.sha256 !== local[e.part]!.sha256;
    // A day the cloud holds more of (another device uploaded ticks this one lacks) cannot match
    // by range: for those, echo just the rows sent, as they are now stored.
    const wider = ranged.filter((e) => local[e.part]!.count > 0 && differs(e)).map((e) => e.part);
    const echoed = new Map(ranged.map((e) => [e.part, e]));
    if (wider.length > 0) {
      const rounds = [...new Set(wider.map((part) => part - (part % ROUND)))];
      const stages = rounds.map((lo) => `SELECT * FROM tpj_tick_stage_${lo}`).join(' UNION ALL ');
      const sent = await client.query<Echo>(
        `SELECT s.part, ${ECHO} FROM (${stages}) s JOIN unnest($2::int[], $3::text[]) AS c(part, symbol) ON c.part = s.part
         JOIN tpj.tick_data d ON d.workspace_id = $1 AND d.symbol = c.symbol AND d.ts = s.ts AND d.seq = s.seq
         GROUP BY s.part`,
        [cloud.workspaceId, wider, wider.map((part) => symbols[part])],
      );
      for (const part of wider) echoed.delete(part);
      for (const e of sent.rows) echoed.set(e.part, e);
    }
    for (const [part, mine] of local.entries()) {
      if (mine.count === 0) continue;
      const theirs = echoed.get(part);
      if (differs(theirs)) {
        throw new Error(
          `The cloud's copy of ${symbols[part]} ticks for ${chunks[part]!.day} does not match this device's (${theirs?.count ?? 0} rows echoed, ${mine.count} sent); the upload was rolled back.`,
        );
      }
    }
    await client.query(
      `INSERT INTO tpj.tick_chunks (workspace_id, symbol, day, count, sha256, device_id)
       SELECT $1, c.symbol, c.day, c.count, c.sha256, $2 FROM json_to_recordset($3::json) AS c(symbol text, day text, count bigint, sha256 text)
       ON CONFLICT (workspace_id, symbol, day) DO UPDATE SET count = excluded.count, sha256 = excluded.sha256,
         device_id = excluded.device_id, server_seq = nextval('tpj.server_seq')`,
      [cloud.workspaceId, deviceId, JSON.stringify(chunks.map((chunk, part) => ({ ...chunk, ...local[part] })))],
    );
  });
  const mark = db.prepare(`UPDATE tick_chunks SET count = ?, sha256 = ?, uploaded_at = ? WHERE symbol = ? AND day = ?`);
  const now = Date.now();
  let rows = 0;
  db.transaction(() => {
    for (const [part, v] of local.entries()) {
      mark.run(v.count, v.sha256, now, chunks[part]!.symbol, chunks[part]!.day);
      rows += v.count;
    }
  })();
  return rows;
}

const TICK_CURSOR = 'cloud_tick_cursor';

/**
 * Bring down tick chunks other devices uploaded, in `server_seq` order: each chunk's rows
 * are inserted (existing ones kept), and chunk and cursor are recorded in one local
 * transaction. A chunk this device holds more of than the cloud stays pending for upload.
 */
export async function pullTickChunks(db: Database, cloud: CloudDb, deviceId: string, limit = 16): Promise<number> {
  const cursor = Number(
    (db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(TICK_CURSOR) as string | undefined) ?? 0,
  );
  const { rows: chunks } = await cloud.pool.query<{ symbol: string; day: string; count: string; server_seq: string }>(
    `SELECT symbol, day, count, server_seq FROM tpj.tick_chunks
     WHERE workspace_id = $1 AND server_seq > $2 AND device_id <> $3 ORDER BY server_seq LIMIT $4`,
    [cloud.workspaceId, cursor, deviceId, limit],
  );
  let pulled = 0;
  for (const chunk of chunks) {
    const start = Date.parse(`${chunk.day}T00:00:00Z`) * 1000;
    const { rows } = await cloud.pool.query<{ ts: string; seq: string; price: number; size: number }>(
      `SELECT ts, seq, price, size FROM tpj.tick_data
       WHERE workspace_id = $1 AND symbol = $2 AND ts >= $3 AND ts < $4 ORDER BY ts, seq`,
      [cloud.workspaceId, chunk.symbol, start, start + DAY_US],
    );
    const insert = db.prepare(`INSERT OR IGNORE INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, ?, ?, ?)`);
    db.transaction(() => {
      for (const r of rows) insert.run(chunk.symbol, Number(r.ts), Number(r.seq), r.price, r.size);
      const local = db
        .prepare(`SELECT count(*) FROM ticks WHERE symbol = ? AND ts >= ? AND ts < ?`)
        .pluck()
        .get(chunk.symbol, start, start + DAY_US) as number;
      // Everything here is in the cloud: mark uploaded. More here than there: upload the rest.
      db.prepare(
        `INSERT INTO tick_chunks (symbol, day, count, sha256, uploaded_at) VALUES (?, ?, ?, '', ?)
         ON CONFLICT (symbol, day) DO UPDATE SET count = excluded.count, uploaded_at = excluded.uploaded_at`,
      ).run(chunk.symbol, chunk.day, local, local === Number(chunk.count) ? Date.now() : null);
      db.prepare(
        `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(TICK_CURSOR, chunk.server_seq);
    })();
    pulled += rows.length;
  }
  return pulled;
}
