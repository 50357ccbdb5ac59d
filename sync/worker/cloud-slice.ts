import Database from 'better-sqlite3';
import type { Database as SqliteDb } from 'better-sqlite3';
import { cloudEntity, rowColumns, type CloudEntity } from '../entities';
import type { CloudDb, SyncRow } from '../postgres';

/** The tables a trade's embedding content reads (electron/core/embeddings/content.ts). */
const sliceTables = ['trades', 'playbooks', 'tags', 'trade_tags'] as const;

function createTable(db: SqliteDb, entity: CloudEntity): void {
  const typed = entity.columns.map((c) => `${c.name} ${c.type === 'bigint' ? 'INTEGER' : 'TEXT'}`);
  db.exec(
    `CREATE TABLE ${entity.name} (${[...typed, 'hlc TEXT', 'deleted_hlc TEXT', 'device_id TEXT'].join(', ')}, PRIMARY KEY (id))`,
  );
}

function insertRows(db: SqliteDb, entity: CloudEntity, rows: readonly SyncRow[]): void {
  if (rows.length === 0) return;
  const columns = rowColumns(entity);
  const insert = db.prepare(
    `INSERT OR REPLACE INTO ${entity.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  for (const row of rows) insert.run(...columns.map((c) => row[c] ?? null));
}

async function cloudRows(cloud: CloudDb, table: string, column: string, ids: readonly string[]): Promise<SyncRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await cloud.pool.query<{ row: SyncRow }>(
    `SELECT to_jsonb(t) - 'workspace_id' - 'server_seq' AS row FROM tpj.${table} t
     WHERE workspace_id = $1 AND ${column} = ANY($2::text[])`,
    [cloud.workspaceId, ids],
  );
  return rows.map((r) => r.row);
}

/**
 * A page of the workspace's trades as pushed to PostgreSQL, with the playbooks and tags they
 * point at, in an in-memory SQLite database shaped like the journal. The cloud worker then
 * builds embedding content with the very code the desktop uses, so a trade's content hash
 * is the same on every device and in the cloud, and nobody embeds it twice.
 */
export async function loadTradeSlice(cloud: CloudDb, trades: readonly SyncRow[]): Promise<SqliteDb> {
  const db = new Database(':memory:');
  try {
    for (const name of sliceTables) createTable(db, cloudEntity(name));
    const tradeIds = trades.map((t) => String(t.id));
    const playbookIds = [...new Set(trades.map((t) => t.playbook_id).filter((p) => typeof p === 'string'))];
    const links = await cloudRows(cloud, 'trade_tags', 'trade_id', tradeIds);
    const tags = await cloudRows(cloud, 'tags', 'id', [...new Set(links.map((l) => String(l.tag_id)))]);
    const playbooks = await cloudRows(cloud, 'playbooks', 'id', playbookIds);
    db.transaction(() => {
      insertRows(db, cloudEntity('trades'), trades);
      insertRows(db, cloudEntity('trade_tags'), links);
      insertRows(db, cloudEntity('tags'), tags);
      insertRows(db, cloudEntity('playbooks'), playbooks);
    })();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * One page of the workspace's trades (tombstones included) after `afterId` in id order,
 * or only those of `ids` when given.
 */
export async function tradePage(
  cloud: CloudDb,
  afterId: string,
  limit: number,
  ids: readonly string[] | null,
): Promise<SyncRow[]> {
  const { rows } = await cloud.pool.query<{ row: SyncRow }>(
    `SELECT to_jsonb(t) - 'workspace_id' - 'server_seq' AS row FROM tpj.trades t
     WHERE workspace_id = $1 AND id COLLATE "C" > $2 AND ($3::text[] IS NULL OR id = ANY($3::text[]))
     ORDER BY id COLLATE "C" LIMIT $4`,
    [cloud.workspaceId, afterId, ids, limit],
  );
  return rows.map((r) => r.row);
}

/** The journal's display time zone as synced, else the worker's own (trade content has hour and weekday). */
export async function cloudTimeZone(cloud: CloudDb): Promise<string> {
  const { rows } = await cloud.pool.query<{ value: string }>(
    `SELECT value FROM tpj.settings WHERE workspace_id = $1 AND id = 'displayTimeZone' AND deleted_hlc IS NULL`,
    [cloud.workspaceId],
  );
  try {
    const parsed: unknown = rows[0] ? JSON.parse(rows[0].value) : null;
    if (typeof parsed === 'string') {
      new Intl.DateTimeFormat('en-US', { timeZone: parsed });
      return parsed;
    }
  } catch {
    // A zone this runtime does not know: fall through to the worker's own.
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
