import type { ImportBatch, ImportPreset, ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import { parseGenericCsvMapping } from '../../../shared/import/formats/generic-csv';
import { stringList } from '../journal/json';
import { newId, type Store } from '../journal/store';

type BatchRow = {
  id: string;
  created_at: number;
  files: string;
  formats: string;
  executions_new: number;
  executions_duplicate: number;
  ignored: number;
  errors: number;
  trades_created: number;
};

/** The journal's imports, newest first. */
export function importHistory(store: Store): ImportBatch[] {
  const rows = store.db
    .prepare(`SELECT * FROM import_batches ORDER BY created_at DESC, id DESC LIMIT 500`)
    .all() as BatchRow[];
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    files: stringList(r.files),
    formats: stringList(r.formats),
    executionsNew: r.executions_new,
    executionsDuplicate: r.executions_duplicate,
    ignored: r.ignored,
    errors: r.errors,
    tradesCreated: r.trades_created,
  }));
}

type PresetRow = { id: string; name: string; mapping: string; created_at: number };

/** Saved column mappings for generic CSV files, synced like the rest of the journal. */
export class ImportPresets {
  constructor(private readonly store: Store) {}

  list(): ImportPreset[] {
    const rows = this.store.db
      .prepare(
        `SELECT id, name, mapping, created_at FROM import_presets WHERE deleted_hlc IS NULL ORDER BY name COLLATE NOCASE`,
      )
      .all() as PresetRow[];
    const presets: ImportPreset[] = [];
    for (const r of rows) {
      // A preset written by a newer app version may not validate here: leave it out rather than fail the list.
      const parsed = parseGenericCsvMapping(JSON.parse(r.mapping));
      if (parsed.ok) presets.push({ id: r.id, name: r.name, mapping: parsed.mapping, createdAt: r.created_at });
    }
    return presets;
  }

  save({ id, name, mapping }: ParsedInput<'import.presets.save'>): ImportPreset {
    const clash = this.store.db
      .prepare(`SELECT id FROM import_presets WHERE lower(name) = lower(?) AND deleted_hlc IS NULL`)
      .pluck()
      .get(name) as string | undefined;
    if (clash && clash !== id) throw new CoreError('CONFLICT', `A mapping named "${name}" already exists.`);
    const presetId = id ?? newId();
    this.store.mutate((w) => {
      if (id) w.update('import_presets', id, { name, mapping: JSON.stringify(mapping) });
      else w.insert('import_presets', { id: presetId, name, mapping: JSON.stringify(mapping), created_at: Date.now() });
    });
    const saved = this.list().find((p) => p.id === presetId);
    if (!saved) throw new CoreError('NOT_FOUND', 'That mapping no longer exists.');
    return saved;
  }

  delete({ id }: { id: string }): { id: string } {
    this.store.mutate((w) => w.remove('import_presets', id));
    return { id };
  }
}
