import type { PoolClient } from 'pg';
import type { BulkPart, BulkSnapshot } from './bulk-local';
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

/**
 * A bulk push in one server transaction: the snapshot's mutation ids and rows go up by
 * COPY into temporary tables, then the same rules as a batch push apply set-wise — text
 * rows changed by another device since this device's base are refused and sent back,
 * rows the cloud holds a newer version of are sent back, the rest are upserted by HLC.
 * COPY goes into temporary tables because PostgreSQL refuses COPY FROM into a table with
 * row-level security; the INSERT from there is checked by the workspace policy as usual.
 */
export async function pushBulk(cloud: CloudDb, snapshot: BulkSnapshot, options: BulkPushOptions): Promise<PushAck> {
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  const copy = async (client: PoolClient, table: string, text: AsyncIterable<string>) => {
    await pipeline(Readable.from(text), client.query(from(`COPY ${table} FROM STDIN (FORMAT csv)`)));
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
      if (fresh.rowCount === 0) return { applied: false, written: 0, newer: [] };
    }
    let sent = 0;
    let written = 0;
    const newer: PushAck['newer'] = [];
    const pages = new CopyPages(snapshot, options.pageSize ?? 5_000, () => options.checkpoint?.());
    for (const [index, part] of snapshot.parts.entries()) {
      const stage = `tpj_bulk_${part.entity.name}`;
      await client.query(`CREATE TEMP TABLE ${stage} (${stageColumns(part)}) ON COMMIT DROP`);
      await copy(
        client,
        stage,
        (async function* () {
          for await (const page of pages.drain(index)) {
            yield page.text;
            sent += page.rows;
            options.onRows?.(sent);
          }
        })(),
      );
      // A first push into a workspace that holds none of these rows yet has nothing to settle,
      // and nothing to conflict with: a plain INSERT then spares the server a speculative
      // insertion per row (about a third of the statement's time). The workspace lock keeps
      // other writers of this workspace out until commit. Graves count as held rows: a
      // workspace whose rows were all purged still refuses their older versions (upsertSql).
      const held = await client.query(
        `SELECT 1 FROM tpj.${part.entity.name} WHERE workspace_id = $1
         UNION ALL SELECT 1 FROM tpj.purged WHERE workspace_id = $1 AND entity = $2
         LIMIT 1`,
        [cloud.workspaceId, part.entity.name],
      );
      let sql = insertSql(part.entity, stage);
      if (held.rowCount !== 0) {
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
    return { applied: true, written, newer };
  });
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
