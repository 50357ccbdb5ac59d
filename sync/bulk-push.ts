import type { PoolClient } from 'pg';
import { COPY_CSV, type BulkPart, type BulkSnapshot, type CopyLayout } from './bulk-local';
import { CopyPages } from './bulk-pages';
import { rowColumns, type CloudEntity } from './entities';
import { upsertSql, type CloudDb, type PushAck, type SyncRow } from './postgres';

export type BulkPushOptions = {
  deviceId: string;
  /** Rows per page of COPY text built from the snapshot. */
  pageSize?: number;
  onRows?: (sent: number) => void;
  /** Checked between pages: throwing rolls the whole push back. */
  checkpoint?: () => void | Promise<void>;
};

/** Where each entity's rows went by COPY: straight into its cloud table, or a staging table first. */
export type BulkAck = PushAck & { copiedInto: Record<string, 'cloud table' | 'staging table'> };

/**
 * How one part reaches its cloud table: COPY straight into it; or COPY into a staging table,
 * then a plain INSERT (the workspace holds none of the entity's rows) or the full settle and
 * upsert.
 */
type Route = 'direct' | 'insert' | 'upsert';

/**
 * A bulk push in one server transaction: the snapshot's mutation ids and rows go up by
 * COPY, then the same rules as a batch push apply set-wise — text rows changed by another
 * device since this device's base are refused and sent back, rows the cloud holds a newer
 * version of are sent back, the rest are upserted by HLC. PostgreSQL refuses COPY FROM into
 * a table with row-level security for a session the policy applies to, so such a session
 * COPYs into temporary tables and INSERTs from there through the workspace policy as usual.
 */
export async function pushBulk(cloud: CloudDb, snapshot: BulkSnapshot, options: BulkPushOptions): Promise<BulkAck> {
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  const copy = async (client: PoolClient, target: string, pages: AsyncIterable<Buffer>): Promise<number> => {
    const stream = client.query(from(`COPY ${target} FROM STDIN (${COPY_CSV})`));
    await pipeline(Readable.from(pages), stream);
    return stream.rowCount;
  };
  return cloud.transaction(async (client) => {
    await cloud.lockWorkspace(client);
    const range = snapshot.range;
    if (range) {
      // One dedupe record for the whole range: a retry of the same outbox after a lost
      // acknowledgement finds it and writes nothing; a retry that also carries newer records
      // re-offers the rows, and every row write is idempotent by HLC. (One record per
      // mutation cost a second COPY as large as the rows themselves.)
      const fresh = await client.query(
        `INSERT INTO tpj.mutations (workspace_id, mutation_id, device_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [cloud.workspaceId, `bulk:${range.first}..${range.last}:${range.count}`, options.deviceId],
      );
      if (fresh.rowCount === 0) return { applied: false, written: 0, newer: [], copiedInto: {} };
    }
    let sent = 0;
    let written = 0;
    const newer: PushAck['newer'] = [];
    const copiedInto: BulkAck['copiedInto'] = {};
    const routes = await routesOf(client, cloud.workspaceId, snapshot.parts);
    const layouts = routes.map((route): CopyLayout =>
      route === 'direct' ? { into: 'cloud', workspaceId: cloud.workspaceId } : { into: 'stage' },
    );
    const pages = new CopyPages(
      snapshot,
      options.pageSize ?? 5_000,
      () => options.checkpoint?.(),
      (i) => layouts[i]!,
    );
    for (const [index, part] of snapshot.parts.entries()) {
      const route = routes[index]!;
      const lines = (async function* () {
        for await (const page of pages.drain(index)) {
          yield page.bytes;
          sent += page.rows;
          options.onRows?.(sent);
        }
      })();
      copiedInto[part.entity.name] = route === 'direct' ? 'cloud table' : 'staging table';
      if (route === 'direct') {
        // The rows as the INSERT below would write them: the workspace in each line, server_seq
        // drawn by the column's default in COPY order. The next part's text is built meanwhile.
        const target = `tpj.${part.entity.name} (workspace_id, ${rowColumns(part.entity).join(', ')})`;
        written += await pages.ahead(copy(client, target, lines));
        continue;
      }
      const stage = `tpj_bulk_${part.entity.name}`;
      await client.query(`CREATE TEMP TABLE ${stage} (${stageColumns(part)}) ON COMMIT DROP`);
      await pages.ahead(copy(client, stage, lines));
      let sql = insertSql(part.entity, stage);
      if (route === 'upsert') {
        await client.query(`ANALYZE ${stage}`);
        const { refused, kept } = await settle(client, cloud.workspaceId, part.entity, stage);
        newer.push(...refused.map((row) => ({ entity: part.entity.name, row, refused: true })));
        newer.push(...kept.map((row) => ({ entity: part.entity.name, row })));
        sql = upsertSql(part.entity, stage);
      }
      // The next part's COPY text is built while the server writes this one.
      const result = await pages.ahead(client.query(sql, [cloud.workspaceId]));
      written += result.rowCount ?? 0;
    }
    return { applied: true, written, newer, copiedInto };
  });
}

/**
 * Each part's route, decided before any text is built (the layout of its lines depends on
 * it). A part whose entity the workspace holds no rows of yet (a first sync) has nothing to
 * settle and nothing to conflict with: the workspace lock keeps this workspace's other
 * writers out until commit, and the key includes the workspace. Its rows then go in without
 * the upsert's speculative insertion per row (about a third of that statement's time), and
 * straight by COPY when row-level security does not apply to this session (a superuser or
 * a BYPASSRLS role; the tables FORCE it, so their owner is no exception). Graves count as
 * held rows: a workspace whose rows were all purged still refuses their older versions
 * (upsertSql). Writing one part never changes another's answer: each entity has its table.
 */
async function routesOf(client: PoolClient, workspaceId: string, parts: readonly BulkPart[]): Promise<Route[]> {
  if (parts.length === 0) return [];
  const checks = parts.map(
    ({ entity }, i) =>
      `SELECT ${i} AS part, row_security_active('tpj.${entity.name}') AS rls,
              EXISTS (SELECT 1 FROM tpj.${entity.name} WHERE workspace_id = $1)
              OR EXISTS (SELECT 1 FROM tpj.purged WHERE workspace_id = $1 AND entity = '${entity.name}') AS held`,
  );
  const { rows } = await client.query<{ part: number; rls: boolean; held: boolean }>(checks.join(' UNION ALL '), [
    workspaceId,
  ]);
  const routes: Route[] = parts.map(() => 'upsert');
  for (const { part, rls, held } of rows) routes[part] = held ? 'upsert' : rls ? 'insert' : 'direct';
  return routes;
}

/**
 * Before the upsert: text rows another device changed since this device's base are
 * refused (taken out of the stage; the device merges and pushes again), and rows whose
 * cloud version is newer by HLC come back for the device to take.
 */
async function settle(
  client: PoolClient,
  workspaceId: string,
  entity: CloudEntity,
  stage: string,
): Promise<{ refused: SyncRow[]; kept: SyncRow[] }> {
  const cloudRow = `to_jsonb(t) - 'workspace_id' - 'server_seq'`;
  let refused: SyncRow[] = [];
  if (entity.text.length > 0) {
    const stale = `t.workspace_id = $1 AND t.id = s.id AND t.hlc <> s.hlc AND t.hlc IS DISTINCT FROM s.base_hlc`;
    refused = (
      await client.query<{ row: SyncRow }>(
        `SELECT ${cloudRow} AS row FROM tpj.${entity.name} t, ${stage} s WHERE ${stale}`,
        [workspaceId],
      )
    ).rows.map((r) => r.row);
    if (refused.length > 0)
      await client.query(`DELETE FROM ${stage} s USING tpj.${entity.name} t WHERE ${stale}`, [workspaceId]);
  }
  const { rows } = await client.query<{ row: SyncRow; sent_hlc: string }>(
    `SELECT ${cloudRow} AS row, s.hlc AS sent_hlc FROM tpj.${entity.name} t JOIN ${stage} s ON t.workspace_id = $1 AND t.id = s.id
     WHERE NOT (t.hlc < s.hlc)`,
    [workspaceId],
  );
  // The same test as a batch push's: newer by the HLC strings' own order.
  const kept = rows.filter((r) => String(r.row.hlc) > r.sent_hlc).map((r) => r.row);
  return { refused, kept };
}

function stageColumns(part: BulkPart): string {
  const types = new Map(part.entity.columns.map((c) => [c.name, c.type]));
  return part.columns
    .map((name) => `${name} ${types.get(name) ?? 'text'}${name === 'id' ? ' COLLATE "C"' : ''}`)
    .join(', ');
}

function insertSql(entity: CloudEntity, stage: string): string {
  const columns = rowColumns(entity);
  return `INSERT INTO tpj.${entity.name} (workspace_id, ${columns.join(', ')})
          SELECT $1, ${columns.join(', ')} FROM ${stage}`;
}
