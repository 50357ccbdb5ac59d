import type { Database } from 'better-sqlite3';
import { cloudEntities, rowColumns, type CloudEntity } from './entities';
import type { LocalSide } from './local';
import type { SyncRow } from './postgres';

/**
 * Which rows a bulk push offers: those the outbox names up to a sequence, or every row
 * (after a restore). `whole` marks an outbox that names every row of the journal (its
 * first sync): its rows are then read by table, without looking the records up.
 */
export type BulkSelection = { kind: 'outbox'; lastSeq: number; whole: boolean } | { kind: 'all' };

/**
 * One entity's rows for a bulk push, read from `table`: a local temporary table holding a
 * copy of them (`copy`; `copy later` until the upload has read it all — it is copied a page
 * at a time as the upload reads it), or the entity's own table itself (`table`).
 */
export type BulkPart = {
  entity: CloudEntity;
  table: string;
  source: 'copy' | 'copy later' | 'table';
  rows: number;
  columns: readonly string[];
  /** For `copy later`: rows copied so far, and the last id copied (rows go in id order). */
  copied?: { rows: number; lastId: string };
};

/**
 * Where a part's COPY text goes: a staging table of the part's own columns, or the entity's
 * cloud table itself, whose lines lead with the workspace and leave out `base_hlc`.
 */
export type CopyLayout = { into: 'stage' } | { into: 'cloud'; workspaceId: string };

/**
 * The device's side of a bulk push (a first sync of a journal with years of trades, or the
 * full push after a restore). The rows to send are copied into temporary tables in one
 * synchronous step, so they stay exactly as they were read while the upload awaits the
 * network and the app keeps writing; the upload then reads them a page at a time (an open
 * iterator would block the app's writes on this connection), and the acknowledgement
 * takes the merge base of a text row the trader edited again meanwhile from the same
 * frozen copy — the version that was pushed. When every row goes (a
 * first sync, a full push), tables without text are read in place and text tables are
 * copied whole as the upload reaches them (see `freeze`).
 */
export class BulkSnapshot {
  readonly parts: BulkPart[] = [];
  /** The outbox records covered, by their first and last mutation ids (none for a full push). */
  readonly range: { first: string; last: string; count: number } | null = null;

  private constructor(
    private readonly local: LocalSide,
    readonly selection: BulkSelection,
  ) {
    if (selection.kind === 'outbox') {
      // Only the ends and the count name the range (not every id: half a million strings).
      // The outbox holds every seq between its bounds (LocalSide.pendingAtLeast): the count
      // follows from them.
      const [first, last, firstSeq] = this.db
        .prepare(
          `SELECT (SELECT mutation_id FROM outbox ORDER BY seq LIMIT 1),
                  (SELECT mutation_id FROM outbox WHERE seq = ?), (SELECT min(seq) FROM outbox)`,
        )
        .raw()
        .get(selection.lastSeq) as [string, string, number];
      this.range = { first, last, count: selection.lastSeq - firstSeq + 1 };
    }
  }

  get records(): number {
    return this.range?.count ?? 0;
  }

  private get db(): Database {
    return this.local.store.db;
  }

  /** Freeze the rows of the outbox up to its newest record now (or every row): one synchronous step. */
  static take(local: LocalSide, kind: BulkSelection['kind']): BulkSnapshot | null {
    const db = local.store.db;
    let selection: BulkSelection = { kind: 'all' };
    if (kind === 'outbox') {
      const lastSeq = db.prepare(`SELECT max(seq) FROM outbox`).pluck().get() as number | null;
      if (lastSeq === null) return null;
      selection = { kind: 'outbox', lastSeq, whole: local.coversJournal(lastSeq) };
    }
    return db.transaction(() => {
      const snapshot = new BulkSnapshot(local, selection);
      for (const entity of cloudEntities) snapshot.freeze(entity);
      // Largest first: the server starts on the fills at once instead of idling through a
      // round trip per small table, whose pages are built meanwhile and go last. (The cloud
      // has no foreign keys, and a pulling device applies pages with its own checked off.)
      snapshot.parts.sort((a, b) => b.rows - a.rows);
      return snapshot;
    })();
  }

  private freeze(entity: CloudEntity): void {
    const whole = this.selection.kind === 'all' || this.selection.whole;
    // Every row goes and none carries text to record as a merge base: the upload reads the
    // table itself instead of a copy. A row the trader changes meanwhile may go up in its
    // newer version; its newer record stays in the outbox and pushes it again, which the
    // cloud takes as a no-op by HLC.
    const table = `temp.tpj_bulk_${entity.name}`;
    const columns = [...rowColumns(entity), ...(entity.text.length > 0 ? ['base_hlc'] : [])];
    if (whole) {
      const rows = this.db.prepare(`SELECT count(*) FROM main.${entity.name}`).pluck().get() as number;
      if (rows === 0) return;
      if (entity.text.length === 0) {
        this.parts.push({ entity, table: `main.${entity.name}`, source: 'table', rows, columns });
        return;
      }
      // Text rows are copied when the upload comes to them (while the server inserts the
      // parts before), not here, before anything can be sent. The copy may hold rows written
      // after this step: they go up twice, like the rows read in place.
      this.parts.push({ entity, table, source: 'copy later', rows, columns });
      return;
    }
    const params: number[] = [];
    let where = '';
    if (this.selection.kind === 'outbox') {
      const seq = this.selection.lastSeq;
      where = `WHERE t.id IN (SELECT row_id FROM outbox WHERE entity = '${entity.name}' AND seq <= ?)`;
      params.push(seq);
      if (entity.name === 'executions') {
        // An import's one record stands for its whole batch of fills (`{"source": batchId}`).
        where += ` OR t.source IN (SELECT json_extract(patch, '$.source') FROM outbox
          WHERE entity = 'executions' AND seq <= ? AND patch LIKE '{%' AND json_type(patch, '$.source') = 'text')`;
        params.push(seq);
      }
    }
    const rows = this.copy(entity, table, where, params);
    if (rows > 0) this.parts.push({ entity, table, source: 'copy', rows, columns });
    else this.db.prepare(`DROP TABLE ${table}`).run();
  }

  /** Copy an entity's rows (text rows with their `base_hlc`) into `table`; how many. */
  private copy(entity: CloudEntity, table: string, where: string, params: readonly number[]): number {
    this.db.prepare(`DROP TABLE IF EXISTS ${table}`).run();
    this.db.prepare(`CREATE TABLE ${table} AS ${this.copySelect(entity)} ${where}`).run(...params);
    return this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }

  /** The SELECT of an entity's rows (alias `t`) as a part's table holds them, up to its WHERE. */
  private copySelect(entity: CloudEntity): string {
    const select = rowColumns(entity).map((c) => `t.${c}`);
    // A full push offers rows that agree with the cloud as far as this device knows (no
    // pending record): such a row is its own base. The others carry their saved base, or
    // none when never synced.
    const own =
      this.selection.kind === 'all'
        ? `coalesce(b.hlc, CASE WHEN NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = '${entity.name}'
             AND o.row_id = t.id) THEN t.hlc END)`
        : 'b.hlc';
    const base =
      entity.text.length > 0
        ? `, ${own} AS base_hlc FROM ${entity.name} t LEFT JOIN sync_base b ON b.entity = '${entity.name}' AND b.id = t.id`
        : ` FROM ${entity.name} t`;
    return `SELECT ${select.join(', ')}${base}`;
  }

  /**
   * Copy the next `limit` rows (all that are left when null) of a part to copy later into its
   * table, in id order: the cloud's primary key then grows at its end. A page at a time, so
   * the copy of a large text table is not one long step on the core's thread while the
   * server waits for the next page of the part before. The copy may hold rows written since
   * the snapshot was taken: they go up twice, like the rows read in place; a row written
   * behind the last id copied goes up with its outbox record later.
   */
  private copyMore(part: BulkPart, limit: number | null): void {
    if (part.source !== 'copy later') return;
    const { entity, table } = part;
    if (!part.copied) {
      this.db.prepare(`DROP TABLE IF EXISTS ${table}`).run();
      this.db.prepare(`CREATE TABLE ${table} AS ${this.copySelect(entity)} WHERE false`).run();
      part.copied = { rows: 0, lastId: '' };
    }
    const added = this.db
      .prepare(
        `INSERT INTO ${table} ${this.copySelect(entity)} WHERE t.id > ? ORDER BY t.id ${limit === null ? '' : 'LIMIT ?'}`,
      )
      .run(...(limit === null ? [part.copied.lastId] : [part.copied.lastId, limit])).changes;
    if (added > 0) {
      part.copied.rows += added;
      part.copied.lastId = this.db
        .prepare(`SELECT id FROM ${table} WHERE rowid = ?`)
        .pluck()
        .get(part.copied.rows) as string;
    }
    if (limit === null || added < limit) {
      part.source = 'copy';
      part.rows = part.copied.rows;
    }
  }

  get rowCount(): number {
    return this.parts.reduce((n, p) => n + p.rows, 0);
  }

  /**
   * The part's next rows after `afterRowid` as COPY text in CSV form, one string built by
   * SQLite and handed over as its UTF-8 bytes: the values never become JavaScript strings
   * one by one, which cost more than the server's parsing of them, and the page never
   * becomes one either (decoding it only for the socket to encode it again took a third of
   * the time spent building a page of fills). Text values are quoted (inner quotes
   * doubled), so commas, newlines and backslashes travel as they are and an empty text
   * stays distinct from null (the bare word NULL; see `csvLine`). Null when the part has no
   * rows left.
   */
  copyPage(
    part: BulkPart,
    afterRowid: number,
    limit: number,
    layout: CopyLayout,
  ): { bytes: Buffer; rows: number; lastRowid: number } | null {
    // Rows of a part to copy later are copied as pages need them: a page's worth each time.
    if (part.source === 'copy later' && (part.copied?.rows ?? 0) - afterRowid < limit) this.copyMore(part, limit);
    const columns = layout.into === 'cloud' ? rowColumns(part.entity) : part.columns;
    const lead = layout.into === 'cloud' ? `${csvText(layout.workspaceId)},` : '';
    const page = this.db
      .prepare(
        `SELECT CAST(group_concat(line, '') AS BLOB), count(*), max(r) FROM
         (SELECT @lead || ${csvLine(columns)} AS line, rowid AS r FROM ${part.table}
          WHERE rowid > @after ORDER BY rowid LIMIT @limit)`,
      )
      .raw()
      .get({ lead, after: afterRowid, limit }) as [Buffer | null, number, number | null];
    if (page[1] === 0 || page[0] === null || page[2] === null) return null;
    return { bytes: page[0], rows: page[1], lastRowid: page[2] };
  }

  /**
   * The cloud committed: drop the records this snapshot covered, settle the merge bases of
   * the text rows the cloud accepted (see `LocalSide.acknowledge`), and take what the cloud kept.
   */
  acknowledge(newer: readonly { entity: string; row: SyncRow }[]): number {
    const db = this.db;
    return this.local.store.applyRemote((note) => {
      if (this.selection.kind === 'outbox') {
        // Usually nothing was written meanwhile: then the whole table goes, which SQLite does
        // without visiting each of the records and their two indexes.
        const newest = db.prepare(`SELECT max(seq) FROM outbox`).pluck().get() as number | null;
        if (newest === this.selection.lastSeq) db.prepare(`DELETE FROM outbox`).run();
        else db.prepare(`DELETE FROM outbox WHERE seq <= ?`).run(this.selection.lastSeq);
      }
      for (const part of this.parts) {
        if (part.entity.text.length === 0) continue;
        const entity = part.entity.name;
        const keptIds = newer.filter((n) => n.entity === entity).map((n) => String(n.row.id));
        const kept = JSON.stringify(keptIds);
        // Rows the cloud took and nobody changed since are their own merge bases now: the
        // bases saved for them go (usually there are none: a first sync has no bases).
        const saved = db.prepare(`SELECT 1 FROM sync_base WHERE entity = ? LIMIT 1`).pluck().get(entity);
        if (saved !== undefined) {
          // A part not copied yet (the cloud held this push already) stands for the whole table.
          const pushed = part.source === 'copy later' ? `main.${entity}` : part.table;
          db.prepare(
            `DELETE FROM sync_base WHERE entity = @entity AND id IN (SELECT id FROM ${pushed})
             AND id NOT IN (SELECT value FROM json_each(@kept))
             AND id NOT IN (SELECT row_id FROM outbox WHERE entity = @entity)`,
          ).run({ entity, kept });
        }
        const changed = db.prepare(`SELECT 1 FROM outbox WHERE entity = ? LIMIT 1`).pluck().get(entity);
        if (changed === undefined && keptIds.length === 0) continue;
        this.copyMore(part, null); // not read (or not all) by the upload when the cloud already held this push
        const texts = rowColumns(part.entity).flatMap((c) => [`'${c}'`, c]);
        const save = (which: string, onConflict: string) =>
          db
            .prepare(
              `INSERT INTO sync_base (entity, id, hlc, texts)
               SELECT @entity, id, hlc, json_object(${texts.join(', ')}) FROM ${part.table} WHERE ${which}
               ON CONFLICT (entity, id) DO ${onConflict}`,
            )
            .run({ entity, kept });
        // A row the trader changed again during the push gets the pushed version as its
        // base — the frozen copy, not the row as it is now.
        if (changed !== undefined) {
          save(
            `id IN (SELECT row_id FROM outbox WHERE entity = @entity) AND id NOT IN (SELECT value FROM json_each(@kept))`,
            'UPDATE SET hlc = excluded.hlc, texts = excluded.texts',
          );
        }
        // A row the cloud refused or kept a newer version of is merged with that version
        // next (takeNewer): one a full push offered as its own base keeps the pushed
        // version as the base for that merge.
        if (keptIds.length > 0) save(`id IN (SELECT value FROM json_each(@kept)) AND base_hlc IS hlc`, 'NOTHING');
      }
      const applied = this.local.takeNewer(newer, note);
      this.release();
      return applied;
    });
  }

  /** Drop the temporary tables (also when the push failed: the next sync freezes afresh). */
  release(): void {
    for (const part of this.parts) {
      if (part.source !== 'table') this.db.prepare(`DROP TABLE IF EXISTS ${part.table}`).run();
    }
    this.parts.length = 0;
  }
}

/**
 * One row of a frozen part as a CSV line in the dialect `COPY_CSV` names: every value
 * through SQLite's own `quote()` — text in single quotes with inner ones doubled, integers
 * bare (the tables are STRICT), null as the bare word NULL — joined in one `concat_ws`
 * call. One native call per value instead of a chain of concatenations and a `replace`
 * per text cuts the CPU the device spends building the pages.
 */
function csvLine(columns: readonly string[]): string {
  return `concat_ws(',', ${columns.map((c) => `quote(${c})`).join(', ')}) || char(10)`;
}

function csvText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The COPY options that read `csvLine`'s text: CSV with the single quote as quote and
 * escape character, and the unquoted word NULL as null (a quoted 'NULL' stays the text).
 */
export const COPY_CSV = `FORMAT csv, QUOTE '''', NULL 'NULL'`;
