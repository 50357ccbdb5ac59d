import { once } from 'node:events';
import type { Database } from 'better-sqlite3';
import type { PoolClient, QueryResult } from 'pg';
import { TICK_DAY_US, type CloudDb } from './postgres';
import {
  cloudPrefix,
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  encodeTickRows,
  stagePrefix,
  TICK_ECHO,
  type TickRow,
} from './tick-copy';

/** One (symbol, UTC day) of ticks: the unit ticks are uploaded and verified in. */
export type TickChunk = { symbol: string; day: string };

/** Tick times are UTC epoch microseconds (DESIGN §2). */
const DAY_US = TICK_DAY_US;

export function pendingTickChunks(db: Database, limit: number): (TickChunk & { count: number })[] {
  return db
    .prepare(`SELECT symbol, day, count FROM tick_chunks WHERE uploaded_at IS NULL ORDER BY symbol, day LIMIT ?`)
    .all(limit) as (TickChunk & { count: number })[];
}

type Echo = { part: number; count: string; sha256: string | null };

/**
 * Chunks per COPY + INSERT round of an upload through a staging table: while the server
 * inserts and echoes one round, the device reads and hashes the next.
 */
const ROUND = 8;

/**
 * Upload chunks in one server transaction, then have the server count and hash each chunk's
 * rows as it now stores them. A chunk is marked uploaded only when that echo equals the
 * local count and hash.
 *
 * A chunk the cloud has no record of goes by COPY straight into `tpj.tick_data`, read and
 * encoded while the server takes in the chunk before, when row-level security does not apply
 * to this session (PostgreSQL refuses COPY into such a table otherwise). The rest — chunks the
 * cloud has a record of, or every chunk of a session the workspace policy applies to — go by
 * COPY into a temporary table and an INSERT from there.
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
  /** Read a chunk, record its count and hash, and return its rows as COPY data behind `prefix`. */
  const encode = (part: number, prefix: Buffer): Buffer => {
    const rows = read.all(chunks[part]!.symbol, starts[part], starts[part]! + DAY_US) as TickRow[];
    const { copy, sha256 } = encodeTickRows(prefix, rows);
    local[part] = { count: rows.length, sha256 };
    return copy;
  };
  const parts = chunks.map((_, part) => part);
  const symbols = chunks.map((chunk) => chunk.symbol);
  const { from } = await import('pg-copy-streams');
  const { pipeline, finished } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  await cloud.transaction(async (client: PoolClient) => {
    await cloud.lockWorkspace(client);
    // Rows and their chunk record are committed together under this lock: a chunk the cloud
    // has no record of has no rows there yet, and keeps having none until we commit.
    const recorded = await client.query<{ part: number | null; rls: boolean }>(
      `SELECT c.part, row_security_active('tpj.tick_data') AS rls
       FROM (SELECT 1) AS one LEFT JOIN (
         unnest($2::int[], $3::text[], $4::text[]) AS c(part, symbol, day)
         JOIN tpj.tick_chunks k ON k.workspace_id = $1 AND k.symbol = c.symbol AND k.day = c.day) ON true`,
      [cloud.workspaceId, parts, symbols, chunks.map((chunk) => chunk.day)],
    );
    const known = new Set(recorded.rows.flatMap((r) => (r.part === null ? [] : [r.part])));
    const rls = recorded.rows[0]?.rls ?? true;
    // Literals, not parameters: only a parameterless query may hold several statements, and
    // a round's statements must go in one message to keep the server busy (see below).
    const workspace = client.escapeLiteral(cloud.workspaceId);
    const values = (only: number[]) =>
      `(VALUES ${only.map((part) => `(${part}, ${client.escapeLiteral(symbols[part]!)}, ${starts[part]!}::bigint)`).join(', ')})`;
    // Echo each chunk's day of rows by key range: an index range scan, no join with what was sent.
    const echo = (only: number[]) =>
      `SELECT c.part, e.count, e.sha256 FROM ${values(only)} AS c(part, symbol, start)
       CROSS JOIN LATERAL (SELECT ${TICK_ECHO} FROM tpj.tick_data d
         WHERE d.workspace_id = ${workspace} AND d.symbol = c.symbol AND d.ts >= c.start AND d.ts < c.start + ${DAY_US}) e;`;
    const ranged: Echo[] = [];

    /** Chunks that must not clash with rows already there (ON CONFLICT DO NOTHING). */
    const settle = new Set(known);
    const direct = rls ? [] : parts.filter((part) => !known.has(part));
    if (direct.length > 0) {
      await client.query(`SAVEPOINT tpj_fresh_ticks`);
      const stream = client.query(
        from(`COPY tpj.tick_data (workspace_id, symbol, ts, seq, price, size) FROM STDIN (FORMAT binary)`),
      );
      const done = finished(stream);
      done.catch(() => undefined); // awaited below; heard here too in case a local read throws first
      let failed = false; // the server or the link ended the COPY: nothing left to cancel
      stream.once('error', () => (failed = true));
      try {
        stream.write(COPY_BINARY_HEADER);
        for (const [i, part] of direct.entries()) {
          if (failed) await done; // the server refused what was sent so far: its error, not a write's
          // Once the socket has taken a chunk, the next is read and encoded while the server
          // takes in what the link holds.
          if (!stream.write(encode(part, cloudPrefix(cloud.workspaceId, symbols[part]!)))) {
            await Promise.race([once(stream, 'drain'), done]);
          }
          if (i === 0) await failpoint('ticks:mid-copy');
        }
        stream.end(COPY_BINARY_TRAILER);
        await done;
        await client.query(`RELEASE SAVEPOINT tpj_fresh_ticks`);
      } catch (error) {
        // A failure here cancels the COPY (CopyFail); `cloud.transaction` then rolls back.
        if (!failed) stream.destroy(error as Error);
        // Rows there without a record all the same (deleted by hand): take the slow way.
        if ((error as { code?: string }).code !== '23505') throw error;
        await client.query(`ROLLBACK TO SAVEPOINT tpj_fresh_ticks`);
        for (const part of direct) settle.add(part);
      }
    }
    const copied = direct.filter((part) => !settle.has(part));
    for (let lo = 0; lo < copied.length; lo += 64) {
      ranged.push(...(await client.query<Echo>(echo(copied.slice(lo, lo + 64)))).rows);
    }

    const staged = parts.filter((part) => !copied.includes(part));
    const insert = (stage: string, only: number[], conflict: string) =>
      `INSERT INTO tpj.tick_data (workspace_id, symbol, ts, seq, price, size)
       SELECT ${workspace}, c.symbol, s.ts, s.seq, s.price, s.size
       FROM ${stage} s JOIN ${values(only)} AS c(part, symbol, start) ON c.part = s.part ${conflict};`;
    const prepare = (round: number[]) => round.map((part) => encode(part, stagePrefix(part)));
    let ready = prepare(staged.slice(0, ROUND));
    for (let lo = 0; lo < staged.length; lo += ROUND) {
      const round = staged.slice(lo, lo + ROUND);
      const stage = `tpj_tick_stage_${lo}`;
      await client.query(
        `CREATE TEMP TABLE ${stage} (part int, ts bigint, seq bigint, price float8, size float8) ON COMMIT DROP`,
      );
      const copy = client.query(from(`COPY ${stage} FROM STDIN (FORMAT binary)`));
      await pipeline(Readable.from([COPY_BINARY_HEADER, ...ready, COPY_BINARY_TRAILER]), copy);
      if (lo === 0 && direct.length === 0) await failpoint('ticks:mid-copy');
      const fresh = round.filter((part) => !settle.has(part));
      const again = round.filter((part) => settle.has(part));
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
        ready = prepare(staged.slice(lo + ROUND, lo + 2 * ROUND));
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
    // by range: for those, echo just the rows sent, as they are now stored. They are read again
    // into a temporary table for it — a rare case, not worth keeping every chunk staged for.
    const wider = ranged.filter((e) => local[e.part]!.count > 0 && differs(e)).map((e) => e.part);
    const echoed = new Map(ranged.map((e) => [e.part, e]));
    if (wider.length > 0) {
      const sentBefore = wider.map((part) => local[part]!);
      await client.query(
        `CREATE TEMP TABLE tpj_tick_sent (part int, ts bigint, seq bigint, price float8, size float8) ON COMMIT DROP`,
      );
      const copy = client.query(from(`COPY tpj_tick_sent FROM STDIN (FORMAT binary)`));
      await pipeline(Readable.from([COPY_BINARY_HEADER, ...prepare(wider), COPY_BINARY_TRAILER]), copy);
      // Ticks written here since the upload read them would be counted as sent: refuse.
      if (wider.some((part, i) => local[part]!.sha256 !== sentBefore[i]!.sha256)) {
        throw new Error(
          `Ticks were written on this device during the upload; the upload was rolled back and will be retried.`,
        );
      }
      const sent = await client.query<Echo>(
        `SELECT s.part, ${TICK_ECHO} FROM tpj_tick_sent s JOIN unnest($2::int[], $3::text[]) AS c(part, symbol) ON c.part = s.part
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
