import type { Database } from 'better-sqlite3';
import { formatHlc } from '../shared/domain/hlc';
import { cloudEntities } from './entities';
import type { CloudDb } from './postgres';
import { dropBase } from './text-merge';

/**
 * Tombstone purging (DESIGN §3: "deletes are tombstones, purged only after all known devices
 * passed them"). Under the workspace lock, at most once a day, the cloud deletes the
 * tombstones every known device has pulled past (`tpj.devices.pulled_seq`) that are older
 * than the grace period (30 days by default, by the wall time in their clock), and leaves
 * for each a grave in `tpj.purged`: (entity, id, hlc) with a new `server_seq`.
 *
 * - Devices pull graves like any change and drop their own copy of the row, unless it holds
 *   a newer version or changes not yet pushed (`LocalSide.applyGrave`).
 * - A pushed version no newer than the grave is refused (`upsertSql`): an offline device's
 *   older edit, or a restored old backup, cannot bring a purged row back. A newer version is
 *   accepted, as last-writer-wins would have decided against the tombstone.
 *
 * Graves are small and kept: a device forgotten with `--forget-device` may come back any time.
 */

export const DEFAULT_PURGE_GRACE_MS = 30 * 24 * 3_600_000;
export const DEFAULT_PURGE_EVERY_MS = 24 * 3_600_000;

export type PurgeOptions = {
  /** Tombstones younger than this are kept, whatever the devices' cursors say. */
  graceMs?: number;
  /** At most one purge per workspace in this time. */
  everyMs?: number;
  now?: () => number;
};

export type CloudPurgeResult = { purged: number; ran: boolean };

/** Purge what every known device has passed, if the last purge is older than `everyMs`. */
export async function purgeCloudTombstones(cloud: CloudDb, options: PurgeOptions = {}): Promise<CloudPurgeResult> {
  const now = (options.now ?? Date.now)();
  const graceMs = options.graceMs ?? DEFAULT_PURGE_GRACE_MS;
  const everyMs = options.everyMs ?? DEFAULT_PURGE_EVERY_MS;
  const ws = cloud.workspaceId;
  return cloud.transaction(async (client) => {
    // The workspace lock: no push numbers rows meanwhile, and no other device purges at once.
    await cloud.lockWorkspace(client);
    await client.query(`INSERT INTO tpj.purge_state (workspace_id) VALUES ($1) ON CONFLICT DO NOTHING`, [ws]);
    const state = await client.query<{ due: boolean }>(
      `SELECT last_purge_at IS NULL OR last_purge_at <= to_timestamp($2::double precision / 1000) AS due
       FROM tpj.purge_state WHERE workspace_id = $1`,
      [ws, now - everyMs],
    );
    if (!state.rows[0]!.due) return { purged: 0, ran: false };
    const devices = await client.query<{ min: string | null }>(
      `SELECT min(pulled_seq) AS min FROM tpj.devices WHERE workspace_id = $1`,
      [ws],
    );
    const passed = devices.rows[0]!.min;
    let purged = 0;
    // No device has recorded a cursor: nobody is known to have passed anything.
    if (passed !== null) {
      const grace = formatHlc({ ms: Math.max(0, now - graceMs), counter: 0, node: '0' });
      for (const e of cloudEntities) {
        const result = await client.query(
          `WITH gone AS (
             DELETE FROM tpj.${e.name} WHERE workspace_id = $1 AND deleted_hlc IS NOT NULL
               AND server_seq <= $2 AND hlc < $3 RETURNING id, hlc)
           INSERT INTO tpj.purged (workspace_id, entity, id, hlc) SELECT $1, '${e.name}', id, hlc FROM gone
           ON CONFLICT (workspace_id, entity, id) DO UPDATE SET hlc = excluded.hlc, server_seq = nextval('tpj.server_seq')`,
          [ws, passed, grace],
        );
        purged += result.rowCount ?? 0;
      }
    }
    await client.query(
      `UPDATE tpj.purge_state SET last_purge_at = to_timestamp($2::double precision / 1000),
         purged_rows = purged_rows + $3 WHERE workspace_id = $1`,
      [ws, now, purged],
    );
    return { purged, ran: true };
  });
}

export type KnownDevice = { deviceId: string; pulledSeq: number; lastSeen: string };

/** Devices the cloud knows in this workspace, with how far each has pulled. */
export async function listDevices(cloud: CloudDb): Promise<KnownDevice[]> {
  const { rows } = await cloud.pool.query<{ device_id: string; pulled_seq: string; last_seen: Date }>(
    `SELECT device_id, pulled_seq, last_seen FROM tpj.devices WHERE workspace_id = $1 ORDER BY last_seen DESC`,
    [cloud.workspaceId],
  );
  return rows.map((r) => ({
    deviceId: r.device_id,
    pulledSeq: Number(r.pulled_seq),
    lastSeen: r.last_seen.toISOString(),
  }));
}

/**
 * Stop waiting for a device that will not come back. Its older edits of rows purged meanwhile
 * will be refused if it ever does; it pulls the graves, and is known again, at its next sync.
 */
export async function forgetDevice(cloud: CloudDb, deviceId: string): Promise<boolean> {
  const result = await cloud.pool.query(`DELETE FROM tpj.devices WHERE workspace_id = $1 AND device_id = $2`, [
    cloud.workspaceId,
    deviceId,
  ]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * A grave pulled from the cloud, or a push refused for one: drop this device's copy of the
 * row, unless it is newer than the grave (it will win when pushed) or has changes not yet
 * pushed (the push decides, and is refused if it is older). Writes no outbox record.
 * Returns whether a row was removed.
 */
export function applyGrave(
  db: Database,
  grave: { entity: string; id: string; hlc: string },
  hasPending: (entity: string, id: string) => boolean,
): boolean {
  const entity = cloudEntities.find((e) => e.name === grave.entity);
  if (!entity || hasPending(entity.name, grave.id)) return false;
  const removed = db.prepare(`DELETE FROM ${entity.name} WHERE id = ? AND hlc <= ?`).run(grave.id, grave.hlc).changes;
  if (removed > 0) dropBase(db, entity.name, grave.id);
  return removed > 0;
}
