import type { Pool, PoolClient } from 'pg';
import type { BulkSnapshot } from './bulk-local';
import type { BulkAck, BulkPushOptions } from './bulk-push';
import { migrateCloud, type MigrateResult } from './cloud-schema';
import { ConnectionEpisode, type ConnectionLog } from './connection-log';
import { cloudEntities, cloudEntity, rowColumns, type CloudEntity } from './entities';

/** A row as it travels: column name → value (numbers for bigint columns). */
export type SyncRow = Record<string, string | number | null>;

export type PushBatch = {
  deviceId: string;
  mutationIds: readonly string[];
  /** Rows as they are on the device now, by entity. */
  rows: ReadonlyMap<string, readonly SyncRow[]>;
};

export type PushAck = {
  /** False when every mutation id was already recorded: a retry after a lost acknowledgement. */
  applied: boolean;
  written: number;
  /**
   * Rows the cloud kept: its version is newer (by HLC) than the one sent, or (`refused`)
   * a text row changed by another device since this device's base.
   */
  newer: { entity: string; row: SyncRow; refused?: boolean; purged?: boolean }[];
};

export type PulledRow = { entity: string; seq: number; row: SyncRow };

export type CloudOptions = {
  url: string;
  workspaceId: string;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /**
   * How long the client waits for any answer before giving the connection up. A hung network
   * (packets silently dropped) otherwise leaves a sync waiting forever; the server cancels its
   * own work at `statementTimeoutMs`, so waiting much past that only waits for a dead link.
   */
  queryTimeoutMs?: number;
  /** Told once per episode when pooled connections drop (killed by the server, network cut). */
  onConnectionLost?: ConnectionLog | undefined;
};

/** Tick times are UTC epoch microseconds: a day of them. */
export const TICK_DAY_US = 86_400_000_000;

/**
 * The trader's PostgreSQL as the sync engine sees it. Every connection is scoped to the
 * workspace (row-level security does the rest), every statement is parameterized, and a
 * workspace's writes are serialized by an advisory lock so `server_seq` values become
 * visible in order — a device that pulled up to N never misses a row numbered below N.
 */
export class CloudDb {
  private constructor(
    readonly pool: Pool,
    readonly workspaceId: string,
  ) {}

  static async open(options: CloudOptions): Promise<CloudDb> {
    const { default: pg } = await import('pg');
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(options.workspaceId)) {
      throw new Error(
        `The workspace id "${options.workspaceId}" may use only letters, digits, '.', '_', ':' and '-' (at most 100).`,
      );
    }
    const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
    const pool = new pg.Pool({
      connectionString: options.url,
      // Every connection starts scoped to the workspace (row-level security reads this setting).
      // Bulk pushes stage rows in temporary tables: give them memory before they spill to disk.
      options: `-c tpj.workspace=${options.workspaceId} -c temp_buffers=64MB`,
      max: 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      statement_timeout: statementTimeoutMs,
      query_timeout: options.queryTimeoutMs ?? statementTimeoutMs + 30_000,
      idleTimeoutMillis: 10_000,
      application_name: 'tpj-sync',
    });
    // A dropped connection must not crash the app (an unheard 'error' event would); the next
    // query reports it to the sync, and the log says once that the link went down.
    const episode = new ConnectionEpisode('postgres', options.onConnectionLost);
    pool.on('error', (error) => episode.lost(error));
    pool.on('connect', (client) => {
      episode.recovered();
      client.on('error', (error) => episode.lost(error));
    });
    return new CloudDb(pool, options.workspaceId);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  migrate(): Promise<MigrateResult> {
    return this.withClient((client) => migrateCloud(client));
  }

  /** One batch in one server transaction: record the mutation ids, upsert rows where newer. */
  async push(batch: PushBatch): Promise<PushAck> {
    return this.transaction(async (client) => {
      await this.lockWorkspace(client);
      const fresh = await client.query(
        `INSERT INTO tpj.mutations (workspace_id, mutation_id, device_id)
         SELECT $1, m, $2 FROM unnest($3::text[]) AS m ON CONFLICT DO NOTHING`,
        [this.workspaceId, batch.deviceId, batch.mutationIds],
      );
      if (batch.mutationIds.length > 0 && fresh.rowCount === 0) return { applied: false, written: 0, newer: [] };
      let written = 0;
      const newer: PushAck['newer'] = [];
      for (const entity of cloudEntities) {
        let rows = batch.rows.get(entity.name);
        if (!rows || rows.length === 0) continue;
        if (entity.text.length > 0) {
          const refused = await this.refuseStale(client, entity, rows);
          newer.push(...refused.map((row) => ({ entity: entity.name, row, refused: true })));
          const ids = new Set(refused.map((r) => String(r.id)));
          rows = rows.filter((r) => !ids.has(String(r.id)));
          if (rows.length === 0) continue;
        }
        const result = await client.query<{ id: string }>(upsertSql(entity), [this.workspaceId, JSON.stringify(rows)]);
        written += result.rowCount ?? 0;
        const kept = new Set(result.rows.map((r) => r.id));
        const sent = new Map(rows.filter((r) => !kept.has(String(r.id))).map((r) => [String(r.id), r]));
        if (sent.size === 0) continue;
        const server = await client.query<{ row: SyncRow }>(
          `SELECT to_jsonb(t) - 'workspace_id' - 'server_seq' AS row FROM tpj.${entity.name} t WHERE workspace_id = $1 AND id = ANY($2::text[])
           UNION ALL
           SELECT jsonb_build_object('id', id, 'hlc', hlc, 'purged', true) FROM tpj.purged
           WHERE workspace_id = $1 AND entity = $3 AND id = ANY($2::text[])`,
          [this.workspaceId, [...sent.keys()], entity.name],
        );
        for (const { row } of server.rows) {
          const mine = sent.get(String(row.id));
          if (!mine) continue;
          // A row the cloud does not hold but has a grave for: refused, the device purges it too.
          if ((row as { purged?: boolean }).purged === true) {
            newer.push({ entity: entity.name, row: { id: String(row.id), hlc: String(row.hlc) }, purged: true });
          } else if (String(row.hlc) > String(mine.hlc)) newer.push({ entity: entity.name, row });
        }
      }
      return { applied: true, written, newer };
    });
  }

  /** A large outbox (or a restored journal's every row) in one COPY-based transaction: see bulk-push.ts. */
  async pushBulk(snapshot: BulkSnapshot, options: BulkPushOptions): Promise<BulkAck> {
    const { pushBulk } = await import('./bulk-push');
    return pushBulk(this, snapshot, options);
  }

  /**
   * Rows with trader-written text are written only over the cloud version the device
   * started from (`base_hlc`, compare-and-set): if another device changed the row since,
   * the cloud's version goes back to the device, which merges the texts and pushes again.
   */
  private async refuseStale(client: PoolClient, entity: CloudEntity, rows: readonly SyncRow[]): Promise<SyncRow[]> {
    const sent = new Map(rows.map((r) => [String(r.id), r]));
    const { rows: current } = await client.query<{ row: SyncRow }>(
      `SELECT to_jsonb(t) - 'workspace_id' - 'server_seq' AS row FROM tpj.${entity.name} t
       WHERE workspace_id = $1 AND id = ANY($2::text[]) FOR UPDATE`,
      [this.workspaceId, [...sent.keys()]],
    );
    return current
      .map((c) => c.row)
      .filter((cloud) => {
        const mine = sent.get(String(cloud.id))!;
        return cloud.hlc !== mine.hlc && cloud.hlc !== (mine.base_hlc ?? null);
      });
  }

  /** Rows other devices changed after `after`, oldest first, at most `limit`. */
  async pull(after: number, limit: number, deviceId: string): Promise<PulledRow[]> {
    // A device's own versions never come back to it: it holds them, or a newer one.
    const parts = cloudEntities.map(
      (e) =>
        `(SELECT '${e.name}' AS entity, server_seq, to_jsonb(t) - 'workspace_id' - 'server_seq' AS row FROM tpj.${e.name} t
          WHERE workspace_id = $1 AND server_seq > $2 AND device_id <> $4 ORDER BY server_seq LIMIT $3)`,
    );
    // Graves of purged tombstones travel as rows of the pseudo-entity 'purged' (see purge.ts).
    parts.push(
      `(SELECT 'purged' AS entity, server_seq, jsonb_build_object('entity', entity, 'id', id, 'hlc', hlc) AS row
        FROM tpj.purged WHERE workspace_id = $1 AND server_seq > $2 ORDER BY server_seq LIMIT $3)`,
    );
    return this.transaction(async (client) => {
      // Right after a bulk push the planner's statistics lag (autovacuum has not analyzed the
      // tables yet): it then picks a bitmap scan that reads and sorts every row after the
      // cursor, on every page. The (workspace_id, server_seq) index already yields them in order.
      await client.query(`SET LOCAL enable_bitmapscan = off`);
      const { rows } = await client.query<{ entity: string; server_seq: string; row: SyncRow }>(
        `SELECT entity, server_seq, row FROM (${parts.join(' UNION ALL ')}) u ORDER BY server_seq LIMIT $3`,
        [this.workspaceId, after, limit, deviceId],
      );
      return rows.map((r) => ({ entity: r.entity, seq: Number(r.server_seq), row: r.row }));
    });
  }

  /**
   * The highest sequence number visible in this workspace now. Read before a pull: once
   * that pull comes back short, everything up to here has been seen (writers commit in
   * sequence order under the workspace lock), so the cursor may skip this device's own rows.
   */
  async head(): Promise<number> {
    const parts = [...cloudEntities.map((e) => e.name), 'purged'].map(
      (table) => `(SELECT max(server_seq) AS s FROM tpj.${table} WHERE workspace_id = $1)`,
    );
    const { rows } = await this.pool.query<{ s: string | null }>(
      `SELECT max(s) AS s FROM (${parts.join(' UNION ALL ')}) u`,
      [this.workspaceId],
    );
    return Number(rows[0]?.s ?? 0);
  }

  /** Where this device has pulled to: tombstones every device has passed can be purged. */
  async recordDevice(deviceId: string, pulledSeq: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO tpj.devices (workspace_id, device_id, pulled_seq) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, device_id) DO UPDATE SET pulled_seq = excluded.pulled_seq, last_seen = now()`,
      [this.workspaceId, deviceId, pulledSeq],
    );
  }

  /** Live and tombstoned rows per entity and an order-independent digest of (id, hlc). */
  async digest(): Promise<Record<string, { rows: number; live: number; hash: string }>> {
    const out: Record<string, { rows: number; live: number; hash: string }> = {};
    for (const e of cloudEntities) {
      const { rows } = await this.pool.query<{ rows: string; live: string; hash: string | null }>(
        `SELECT count(*) AS rows, count(*) FILTER (WHERE deleted_hlc IS NULL) AS live,
                md5(string_agg(id || ':' || hlc, ',' ORDER BY id COLLATE "C")) AS hash
         FROM tpj.${e.name} WHERE workspace_id = $1`,
        [this.workspaceId],
      );
      const r = rows[0]!;
      out[e.name] = { rows: Number(r.rows), live: Number(r.live), hash: r.hash ?? '' };
    }
    return out;
  }

  /**
   * The workspace's ticks: how many, and an md5 over `symbol:day:count` per (symbol, day)
   * in bytewise symbol order, day being whole days of epoch microseconds (see `verifyCloud`).
   */
  async tickDigest(): Promise<{ rows: number; hash: string }> {
    const { rows } = await this.pool.query<{ rows: string | null; hash: string | null }>(
      `SELECT sum(n) AS rows, md5(string_agg(symbol || ':' || day || ':' || n, ',' ORDER BY symbol COLLATE "C", day)) AS hash
       FROM (SELECT symbol, ts / ${TICK_DAY_US} AS day, count(*) AS n FROM tpj.tick_data WHERE workspace_id = $1
             GROUP BY symbol, ts / ${TICK_DAY_US}) days`,
      [this.workspaceId],
    );
    return { rows: Number(rows[0]?.rows ?? 0), hash: rows[0]?.hash ?? '' };
  }

  async withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let value: T;
    try {
      value = await fn(client);
    } catch (error) {
      // After a failure the connection's state is unknown (a timed-out query may still answer
      // later, a COPY may be half sent): close it rather than hand it to the next sync.
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    client.release();
    return value;
  }

  async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const value = await fn(client);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        // A timed-out link would make ROLLBACK wait as long again; closing the connection
        // (withClient does) rolls the transaction back on the server anyway.
        if (!isReadTimeout(error)) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Serialize this workspace's writers so server_seq commits in order. */
  async lockWorkspace(client: PoolClient): Promise<void> {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('tpj-workspace:' || $1, 0))`, [this.workspaceId]);
  }
}

function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}

const upserts = new Map<string, string>();

/**
 * Insert or update where the sent version is newer by HLC. The rows come as JSON in `$2`
 * (a batch push; the ids written are returned), or from a staged table (a bulk push).
 */
export function upsertSql(entity: CloudEntity, stage?: string): string {
  const key = `${entity.name}:${stage ?? ''}`;
  let sql = upserts.get(key);
  if (sql) return sql;
  const columns = rowColumns(entity);
  const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  const source = stage ?? `json_populate_recordset(NULL::tpj.${entity.name}, $2::json)`;
  // A version no newer than a purged tombstone's grave never comes back (see purge.ts).
  sql = `INSERT INTO tpj.${entity.name} AS t (workspace_id, ${columns.join(', ')})
         SELECT $1, ${columns.map((c) => `r.${c}`).join(', ')} FROM ${source} r
         WHERE NOT EXISTS (SELECT 1 FROM tpj.purged g
           WHERE g.workspace_id = $1 AND g.entity = '${entity.name}' AND g.id = r.id AND g.hlc >= r.hlc)
         ON CONFLICT (workspace_id, id) DO UPDATE SET ${updates.join(', ')}, server_seq = nextval('tpj.server_seq')
         WHERE t.hlc < excluded.hlc${stage ? '' : '\n         RETURNING t.id'}`;
  upserts.set(key, sql);
  return sql;
}

export { cloudEntity };
