import type { Database, Statement } from 'better-sqlite3';
import { BatchInsert } from '../db/batch-insert';
import { uuidv7 } from './ids';
import type { EntityName } from '../../../shared/contract';
import { entityNames } from '../../../shared/contract/events';
import { CoreError } from '../../../shared/contract/errors';
import { HybridLogicalClock } from '../../../shared/domain/hlc';

export type SqlValue = string | number | bigint | null;
export type Row = Record<string, SqlValue>;

const entities = new Set<EntityName>(entityNames);
const outboxColumns = ['mutation_id', 'entity', 'row_id', 'op', 'patch', 'hlc', 'created_at'] as const;

/** Writes rows and their change-log records together; only usable inside `Store.mutate`. */
export type Writer = {
  /** Insert a new row (id included); the outbox gets the whole row. */
  insert(entity: EntityName, row: Row): void;
  /** Change columns of a live row; the outbox gets just the changed columns. */
  update(entity: EntityName, id: string, patch: Row): void;
  /** Mark a row deleted (a tombstone other devices will follow). */
  remove(entity: EntityName, id: string): void;
  /** Bring a tombstoned row back to life (a tag put back on a trade). */
  revive(entity: EntityName, id: string): void;
  /**
   * Insert many new rows of one shape: one clock stamp for the batch, one prepared
   * statement, and an outbox record per row. `rows` hold values in `columns` order (id first).
   */
  insertMany(entity: EntityName, columns: readonly string[], rows: readonly SqlValue[][]): void;
  /**
   * For set-based SQL (INSERT ... SELECT) too big to write row by row: `run` gets one clock
   * stamp for the whole batch and must write the rows' outbox records itself, in SQL.
   */
  bulk(entity: EntityName, run: (stamp: { hlc: string; deviceId: string }) => void): void;
};

/**
 * The rows a committed mutation wrote, by entity: their ids, or null when a set-based write
 * (`Writer.bulk`) does not name them or there are more than `MAX_NAMED_ROWS` of them. Null
 * means "reload that entity whole". For caches that patch rows instead of reloading.
 */
export type RowChanges = ReadonlyMap<EntityName, ReadonlySet<string> | null>;

/**
 * Past this many rows of one entity a mutation's listeners get null instead of the ids: a
 * 200 MB import writes ~400k trades, and a set of their ids cost tens of MB at the commit's peak.
 */
export const MAX_NAMED_ROWS = 10_000;

type ChangeListener = (entities: EntityName[], rows: RowChanges) => void;

/**
 * The journal's single write path. Every mutation writes its rows and one outbox
 * record per row in one SQLite transaction, so a failed mutation leaves neither.
 */
export class Store {
  readonly clock: HybridLogicalClock;
  private readonly statements = new Map<string, Statement>();
  private readonly batches = new Map<string, BatchInsert>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly outboxInsert: Statement;
  private readonly saveClock: Statement;

  constructor(
    readonly db: Database,
    readonly deviceId: string,
    now: () => number = Date.now,
  ) {
    const saved = db.prepare(`SELECT value FROM meta WHERE key = 'hlc'`).pluck().get() as string | undefined;
    this.clock = new HybridLogicalClock(deviceId.replace(/-/g, '').slice(0, 16), now, undefined, saved);
    this.outboxInsert = db.prepare(
      `INSERT INTO outbox (mutation_id, entity, row_id, op, patch, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.saveClock = db.prepare(
      `INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  }

  /** Run `fn` as one atomic mutation; listeners hear about it only after it commits. */
  mutate<T>(fn: (writer: Writer) => T): T {
    const touched = new Map<EntityName, Set<string> | null>();
    const writer = this.writerFor(touched);
    const result = this.db.transaction(() => {
      const value = fn(writer);
      if (touched.size > 0) this.saveClock.run(this.clock.peek());
      return value;
    })();
    if (touched.size > 0) {
      const list = [...touched.keys()];
      for (const listener of this.listeners) listener(list, touched);
    }
    return result;
  }

  /**
   * Run `fn` in one transaction that writes rows received from another device (sync): it
   * writes no outbox records of its own, but listeners hear about the rows it notes, after
   * commit, as for a local mutation.
   */
  applyRemote<T>(fn: (note: (entity: EntityName, id: string | null) => void) => T): T {
    const touched = new Map<EntityName, Set<string> | null>();
    const note = (entity: EntityName, id: string | null) => noteTouched(touched, entity, id);
    const result = this.db.transaction(() => {
      const value = fn(note);
      this.saveClock.run(this.clock.peek());
      return value;
    })();
    if (touched.size > 0) {
      const list = [...touched.keys()];
      for (const listener of this.listeners) listener(list, touched);
    }
    return result;
  }

  /** Be told, after commit, which entities a mutation changed. Returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private writerFor(touched: Map<EntityName, Set<string> | null>): Writer {
    const note = (entity: EntityName, id: string | null) => noteTouched(touched, entity, id);
    return {
      insert: (entity, row) => {
        const id = requireId(row);
        const full = this.stamp(entity, row);
        const cols = Object.keys(full);
        this.statement(`i:${entity}:${cols.join(',')}`, () => {
          assertEntity(entity);
          return `INSERT INTO ${entity} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`;
        }).run(full);
        this.log(entity, id, 'upsert', WHOLE_ROW, full.hlc);
        note(entity, id);
      },
      update: (entity, id, patch) => {
        const full = this.stamp(entity, patch);
        const cols = Object.keys(full);
        const changes = this.statement(`u:${entity}:${cols.join(',')}`, () => {
          assertEntity(entity);
          return `UPDATE ${entity} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @__id AND deleted_hlc IS NULL`;
        }).run({ ...full, __id: id }).changes;
        if (changes === 0) throw new CoreError('NOT_FOUND', `That ${singular(entity)} no longer exists.`);
        this.log(entity, id, 'upsert', changedColumns(patch), full.hlc);
        note(entity, id);
      },
      remove: (entity, id) => {
        const hlc = this.clock.now();
        const changes = this.statement(`d:${entity}`, () => {
          assertEntity(entity);
          return `UPDATE ${entity} SET deleted_hlc = @hlc, hlc = @hlc, device_id = @device WHERE id = @id AND deleted_hlc IS NULL`;
        }).run({ hlc, device: this.deviceId, id }).changes;
        if (changes === 0) throw new CoreError('NOT_FOUND', `That ${singular(entity)} no longer exists.`);
        this.log(entity, id, 'delete', '["deleted_hlc"]', hlc);
        note(entity, id);
      },
      revive: (entity, id) => {
        const full = this.stamp(entity, { deleted_hlc: null });
        const changes = this.statement(`r:${entity}`, () => {
          assertEntity(entity);
          return `UPDATE ${entity} SET deleted_hlc = NULL, hlc = @hlc, device_id = @device_id WHERE id = @id AND deleted_hlc IS NOT NULL`;
        }).run({ ...full, id }).changes;
        if (changes === 0) throw new CoreError('NOT_FOUND', `That ${singular(entity)} no longer exists.`);
        this.log(entity, id, 'upsert', '["deleted_hlc"]', full.hlc);
        note(entity, id);
      },
      insertMany: (entity, columns, rows) => {
        if (rows.length === 0) return;
        if (columns[0] !== 'id') throw new Error('insertMany needs id as the first column');
        assertEntity(entity);
        const all = [...columns, 'hlc', 'device_id'];
        // One row per statement here: for trades (30-odd columns, several indexes) and their
        // outbox records the 64-row statements were slower — an import of 100k fills (22k
        // trades) committed in 2.1-2.4 s with them and 1.55-1.76 s without.
        const insert = this.batch(`m1:${entity}:${all.join(',')}`, entity, all, 1);
        const outbox = this.batch('m1:outbox', 'outbox', outboxColumns, 1);
        const hlc = this.clock.now();
        const now = Date.now();
        for (const row of rows) {
          insert.add(...row, hlc, this.deviceId);
          outbox.add(uuidv7(), entity, row[0], 'upsert', WHOLE_ROW, hlc, now);
          note(entity, String(row[0]));
        }
        insert.flush();
        outbox.flush();
      },
      bulk: (entity, run) => {
        assertEntity(entity);
        run({ hlc: this.clock.now(), deviceId: this.deviceId });
        note(entity, null);
      },
    };
  }

  private stamp(entity: EntityName, row: Row): Row {
    assertEntity(entity);
    return { ...row, hlc: this.clock.now(), device_id: this.deviceId };
  }

  private log(
    entity: EntityName,
    rowId: string,
    op: 'upsert' | 'delete',
    patch: string,
    hlc: SqlValue | undefined,
  ): void {
    this.outboxInsert.run(uuidv7(), entity, rowId, op, patch, hlc, Date.now());
  }

  /** A multi-row insert for `insertMany`; always flushed before it returns, so it can be reused. */
  private batch(key: string, table: string, columns: readonly string[], rowsPerStatement?: number): BatchInsert {
    let batch = this.batches.get(key);
    if (!batch) {
      batch = new BatchInsert(this.db, table, columns, rowsPerStatement);
      this.batches.set(key, batch);
    }
    return batch;
  }

  private statement(key: string, sql: () => string): Statement {
    let stmt = this.statements.get(key);
    if (!stmt) {
      // Column names come from code, never from input; check anyway before they reach SQL text.
      if (!/^[a-z0-9_:,]+$/.test(key)) throw new Error(`Unsafe column list in ${key}`);
      stmt = this.db.prepare(sql());
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}

function noteTouched(touched: Map<EntityName, Set<string> | null>, entity: EntityName, id: string | null): void {
  const ids = touched.get(entity);
  if (id === null) touched.set(entity, null);
  else if (ids === undefined) touched.set(entity, new Set([id]));
  else if (ids !== null) {
    ids.add(id);
    // Drop the ids as soon as there are too many, so they never pile up during the mutation.
    if (ids.size > MAX_NAMED_ROWS) touched.set(entity, null);
  }
}

function assertEntity(entity: string): asserts entity is EntityName {
  // Table names cannot be bound as parameters; only known names ever reach SQL text.
  if (!entities.has(entity as EntityName)) throw new Error(`Unknown entity ${entity}`);
}

function requireId(row: Row): string {
  const id = row.id;
  if (typeof id !== 'string' || id.length === 0) throw new Error('A new row needs an id');
  return id;
}

/**
 * An outbox record names the row and the columns that changed, not their values: sync
 * pushes the row as it is when it is pushed (last writer wins per row), so copying whole
 * rows into the outbox only doubled the journal's size.
 */
export const WHOLE_ROW = '["*"]';

/**
 * The outbox record of a bulk import: instead of the changed columns, the patch names an
 * import batch (`{"source":"<batch id>"}`) and the record stands for every execution whose
 * `source` is that batch. Executions are immutable, so pushing them when the record is
 * pushed sends exactly what was imported; 100k fills make one record, not 100k.
 */
export function logExecutionsOfSource(db: Database, source: string, hlc: string, now: number): void {
  db.prepare(
    `INSERT INTO outbox (mutation_id, entity, row_id, op, patch, hlc, created_at) VALUES (?, 'executions', ?, 'upsert', ?, ?, ?)`,
  ).run(uuidv7(), source, sourcePatch(source), hlc, now);
}

export function sourcePatch(source: string): string {
  return JSON.stringify({ source });
}

function changedColumns(patch: Row): string {
  return JSON.stringify(Object.keys(patch));
}

function singular(entity: EntityName): string {
  const names: Record<EntityName, string> = {
    accounts: 'account',
    executions: 'execution',
    trades: 'trade',
    journal_entries: 'journal entry',
    playbooks: 'playbook',
    tags: 'tag',
    trade_tags: 'trade tag',
    attachments: 'attachment',
    coach_messages: 'coach message',
    settings: 'setting',
    import_presets: 'import preset',
  };
  return names[entity];
}

/** A new time-ordered id for a row (UUIDv7). */
export function newId(): string {
  return uuidv7();
}
