import type { Database, Statement } from 'better-sqlite3';
import type { EntityName } from '../shared/contract';
import { ClockDriftError } from '../shared/domain/hlc';
import type { Store } from '../electron/core/journal/store';
import { cloudEntity, cloudEntityByName, rowColumns, type CloudEntity } from './entities';
import type { PulledRow, SyncRow } from './postgres';
import { applyGrave } from './purge';
import { dropBase, mergeIntoCloudVersion, writeBase } from './text-merge';
import { resolveUniqueClash, type ClashContext } from './unique-clash';

/** Outbox records pushed together, and the rows they stand for as they are now. */
export type LocalBatch = {
  firstSeq: number;
  lastSeq: number;
  records: number;
  mutationIds: string[];
  rows: Map<string, SyncRow[]>;
  rowCount: number;
};

type OutboxRecord = { seq: number; mutation_id: string; entity: string; row_id: string; patch: string };

const CURSOR = 'cloud_cursor';
const REGROUP = 'cloud_regroup_pending';

/**
 * The device's side of sync: reads outbox batches, acknowledges them, and applies pulled
 * pages. Writes that come from the cloud go through `Store.applyRemote`, so they make no
 * outbox records (nothing echoes back) but the UI and caches still hear about them.
 */
export class LocalSide {
  private readonly db: Database;
  private readonly statements = new Map<string, Statement>();

  constructor(readonly store: Store) {
    this.db = store.db;
  }

  get deviceId(): string {
    return this.store.deviceId;
  }

  /** How many outbox records wait to be pushed. */
  pending(): number {
    return this.db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number;
  }

  /**
   * Whether at least `n` outbox records wait, from the bounds of `seq` alone. Records leave
   * only oldest first (an acknowledged batch or bulk range always starts at the oldest, a
   * restore empties the outbox) and `seq` never repeats (AUTOINCREMENT), so the outbox holds
   * every sequence number between its bounds: counting half a million records is not needed.
   * Each bound is its own subquery: SQLite answers a lone min() or max() of the key from one
   * end of the table, but both in one SELECT by reading every record (~55 ms for 537k).
   */
  pendingAtLeast(n: number): boolean {
    if (n <= 0) return true;
    const [first, last] = this.statement(`SELECT (SELECT min(seq) FROM outbox), (SELECT max(seq) FROM outbox)`)
      .raw()
      .get() as [number | null, number | null];
    return first !== null && last !== null && last - first + 1 >= n;
  }

  /**
   * Whether the outbox up to `lastSeq` names every synced row of this journal: no record was
   * ever removed (the oldest still waiting is the first ever written, so the outbox holds
   * `lastSeq` records), and no row came from anywhere but local writes with their records
   * (nothing pulled, no restore). A first sync can then push whole tables.
   */
  coversJournal(lastSeq: number): boolean {
    if (this.cursor() !== 0 || this.getState('restored_at') !== null || this.getState('needs_full_push') !== null)
      return false;
    const first = this.db.prepare(`SELECT min(seq) FROM outbox`).pluck().get() as number | null;
    return first === 1 && this.pendingAtLeast(lastSeq);
  }

  /**
   * The next batch in outbox order. An import's one record for its whole batch of fills
   * (`{"source": ...}`) travels alone, expanded into those fills.
   */
  readBatch(limit: number): LocalBatch | null {
    const records = this.db
      .prepare(`SELECT seq, mutation_id, entity, row_id, patch FROM outbox ORDER BY seq LIMIT ?`)
      .all(limit) as OutboxRecord[];
    if (records.length === 0) return null;
    const taken: OutboxRecord[] = [];
    for (const record of records) {
      const source = sourceOf(record);
      if (source !== null && taken.length > 0) break;
      taken.push(record);
      if (source !== null) break;
    }
    const rows = new Map<string, SyncRow[]>();
    const seen = new Set<string>();
    let rowCount = 0;
    const add = (entity: string, row: SyncRow | undefined) => {
      if (!row) return; // gone for good (never happens for synced rows, which are tombstoned)
      const key = `${entity}\u0000${String(row.id)}`;
      if (seen.has(key)) return;
      seen.add(key);
      let list = rows.get(entity);
      if (!list) rows.set(entity, (list = []));
      list.push(row);
      rowCount++;
    };
    // Ids per entity, then one query per entity: a batch is thousands of rows.
    const ids = new Map<string, string[]>();
    for (const record of taken) {
      if (!cloudEntityByName.has(record.entity)) continue;
      const source = sourceOf(record);
      if (source !== null) {
        for (const row of this.select(`src:${record.entity}`, cloudEntity(record.entity), 'source = ?').all(source))
          add(record.entity, row as SyncRow);
      } else {
        let list = ids.get(record.entity);
        if (!list) ids.set(record.entity, (list = []));
        list.push(record.row_id);
      }
    }
    for (const [entity, list] of ids) {
      for (const row of this.rowsById(cloudEntity(entity), [...new Set(list)])) add(entity, row);
    }
    return {
      firstSeq: taken[0]!.seq,
      lastSeq: taken[taken.length - 1]!.seq,
      records: taken.length,
      mutationIds: taken.map((r) => r.mutation_id),
      rows,
      rowCount,
    };
  }

  /**
   * The cloud acknowledged a batch: drop its records, and take the cloud's version of rows
   * it kept because they were newer — unless the row changed here again meanwhile (its
   * new record will be pushed and judged by the same rule). A text row the cloud took is
   * now its own merge base (its saved base goes); one changed again meanwhile gets the
   * pushed version as its base, the version its pending change was made on.
   */
  acknowledge(batch: LocalBatch, newer: readonly { entity: string; row: SyncRow; purged?: boolean }[]): number {
    return this.store.applyRemote((note) => {
      this.db.prepare(`DELETE FROM outbox WHERE seq BETWEEN ? AND ?`).run(batch.firstSeq, batch.lastSeq);
      const kept = new Set(newer.map((n) => `${n.entity}\u0000${String(n.row.id)}`));
      for (const [entity, rows] of batch.rows) {
        const spec = cloudEntity(entity);
        if (spec.text.length === 0) continue;
        for (const row of rows) {
          const id = String(row.id);
          if (kept.has(`${entity}\u0000${id}`)) continue;
          if (this.hasPending(entity, id)) writeBase(this.db, spec, row);
          else dropBase(this.db, entity, id);
        }
      }
      return this.takeNewer(newer, note);
    });
  }

  /**
   * Take the cloud's versions of rows it kept (inside the caller's applyRemote): texts merge
   * three ways, other rows are overwritten — unless the row changed here again meanwhile.
   */
  takeNewer(
    newer: readonly { entity: string; row: SyncRow; purged?: boolean }[],
    note: (entity: EntityName, id: string | null) => void,
  ): number {
    let applied = 0;
    for (const { entity, row, purged } of newer) {
      const id = String(row.id);
      if (this.hasPending(entity, id)) continue;
      if (purged) {
        if (applyGrave(this.db, { entity, id, hlc: String(row.hlc) }, () => false)) {
          applied++;
          note(entity as EntityName, id);
        }
        continue;
      }
      const spec = cloudEntity(entity);
      if (spec.text.length > 0) {
        const ours = this.select(`id:${entity}`, spec, 'id = ?').get(id) as SyncRow | undefined;
        if (ours) {
          mergeIntoCloudVersion(this.store, spec, ours, row, (r) => this.overwriteRow(spec, r));
          applied++;
          note(entity as EntityName, id);
          continue;
        }
      }
      if (this.applyRow(entity, row)) {
        applied++;
        note(entity as EntityName, id);
      }
    }
    return applied;
  }

  /** The cloud sequence number this device has applied up to. */
  cursor(): number {
    const value = this.db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(CURSOR) as
      string | undefined;
    return value ? Number(value) : 0;
  }

  /**
   * Apply one pulled page and move the cursor in one local transaction (to `seenUpTo` when
   * the page was the last one: rows between were this device's own). Foreign keys are
   * checked at the end of the pull rather than per page: rows arrive in the order they
   * last changed in the cloud, so a child may come a page before its parent.
   */
  applyPage(page: readonly PulledRow[], seenUpTo = 0): { applied: number; skipped: number; drift: number } {
    const cursor = Math.max(page[page.length - 1]?.seq ?? 0, seenUpTo);
    if (page.length === 0) {
      if (cursor > this.cursor()) this.setState(CURSOR, String(cursor));
      return { applied: 0, skipped: 0, drift: 0 };
    }
    this.db.pragma('foreign_keys = OFF');
    try {
      return this.store.applyRemote((note) => {
        let applied = 0;
        let skipped = 0;
        let drift = 0;
        const regroup = new Set<string>(this.regroupPending());
        for (const { entity, row } of page) {
          const id = String(row.id);
          if (entity === 'purged') {
            const grave = { entity: String(row.entity), id, hlc: String(row.hlc) };
            if (applyGrave(this.db, grave, (e, i) => this.hasPending(e, i))) {
              applied++;
              note(grave.entity as EntityName, id);
            }
            continue;
          }
          // A row with local changes not yet acknowledged is left alone: the push decides.
          if (entity !== 'executions' && this.hasPending(entity, id)) {
            skipped++;
            continue;
          }
          try {
            this.store.clock.receive(String(row.hlc));
          } catch (error) {
            if (!(error instanceof ClockDriftError)) throw error;
            drift++; // applied all the same: dropping a trader's row is worse than a fast clock
          }
          const wrote = this.applyRow(entity, row);
          this.rememberBase(entity, row);
          if (!wrote) {
            skipped++;
            continue;
          }
          applied++;
          note(entity as EntityName, id);
          if (entity === 'executions' || entity === 'trades')
            regroup.add(`${String(row.account_id)}\u0000${String(row.symbol)}`);
        }
        this.setState(REGROUP, JSON.stringify([...regroup]));
        this.setState(CURSOR, String(cursor));
        return { applied, skipped, drift };
      });
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  /** (account, symbol) pairs whose trades must be re-derived once the pull has caught up. */
  regroupPending(): string[] {
    const value = this.db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(REGROUP) as
      string | undefined;
    return value ? (JSON.parse(value) as string[]) : [];
  }

  clearRegroupPending(): void {
    this.db.prepare(`DELETE FROM sync_state WHERE key = ?`).run(REGROUP);
  }

  setState(key: string, value: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(key, value);
  }

  getState(key: string): string | null {
    return (
      (this.db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(key) as string | undefined) ?? null
    );
  }

  /** Insert, or overwrite when the incoming version is newer by HLC. False when nothing changed. */
  applyRow(entity: string, row: SyncRow): boolean {
    const spec = cloudEntity(entity);
    const columns = rowColumns(spec);
    const values = columns.map((c) => (row[c] === undefined ? null : row[c]));
    try {
      return this.upsert(spec).run(...values).changes > 0;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      return resolveUniqueClash(this.clashContext(), spec, row);
    }
  }

  private clashContext(): ClashContext {
    return {
      db: this.db,
      store: this.store,
      upsert: (spec) => this.upsert(spec),
      statement: (sql) => this.statement(sql),
    };
  }

  /** Put the cloud's version in place even though this device's version is newer (before a merge). */
  private overwriteRow(spec: CloudEntity, row: SyncRow): void {
    this.upsert(spec, false).run(...rowColumns(spec).map((c) => row[c] ?? null));
  }

  /**
   * A pulled text row (never one with pending changes: those are skipped) agrees with the
   * cloud, so it is its own merge base: a base saved for it goes, including the one the
   * update itself saved (migration 0013's trigger fires on any new version of a row
   * without pending records).
   */
  private rememberBase(entity: string, row: SyncRow): void {
    if (cloudEntity(entity).text.length === 0) return;
    dropBase(this.db, entity, String(row.id));
  }

  hasPending(entity: string, id: string): boolean {
    return this.statement(`SELECT 1 FROM outbox WHERE entity = ? AND row_id = ? LIMIT 1`).get(entity, id) !== undefined;
  }

  /** Insert, or on the same id overwrite: only with a newer HLC, unless `onlyNewer` is false. */
  private upsert(spec: CloudEntity, onlyNewer = true): Statement {
    const columns = rowColumns(spec);
    const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
    return this.statement(
      `INSERT INTO ${spec.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}${onlyNewer ? ` WHERE excluded.hlc > ${spec.name}.hlc` : ''}`,
    );
  }

  /** Rows as they are now; text rows also carry `base_hlc`, the cloud version they were edited from. */
  private selectRows(spec: CloudEntity, where: string): Statement {
    const columns = rowColumns(spec).map((c) => `t.${c}`);
    const base =
      spec.text.length > 0
        ? `, b.hlc AS base_hlc FROM ${spec.name} t LEFT JOIN sync_base b ON b.entity = '${spec.name}' AND b.id = t.id`
        : ` FROM ${spec.name} t`;
    return this.statement(`SELECT ${columns.join(', ')}${base} ${where}`);
  }

  /** Rows by id, a statement per 5,000 ids. */
  private rowsById(spec: CloudEntity, ids: readonly string[]): SyncRow[] {
    const statement = this.selectRows(spec, 'WHERE t.id IN (SELECT value FROM json_each(?))');
    const out: SyncRow[] = [];
    for (let i = 0; i < ids.length; i += 5_000) {
      out.push(...(statement.all(JSON.stringify(ids.slice(i, i + 5_000))) as SyncRow[]));
    }
    return out;
  }

  private select(key: string, spec: CloudEntity, where: string): Statement {
    return this.statement(`SELECT ${rowColumns(spec).join(', ')} FROM ${spec.name} WHERE ${where}`, key);
  }

  private statement(sql: string, key = sql): Statement {
    let stmt = this.statements.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}

function sourceOf(record: OutboxRecord): string | null {
  if (record.entity !== 'executions' || !record.patch.startsWith('{')) return null;
  const parsed = JSON.parse(record.patch) as { source?: unknown };
  return typeof parsed.source === 'string' ? parsed.source : null;
}
