import type { ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { Tag } from '../../../shared/domain/types';
import { newId, type Row, type Store } from './store';

type TagRow = { id: string; name: string; color: string | null };

/** Tags the trader puts on trades. Names are unique, ignoring case. */
export class Tags {
  constructor(private readonly store: Store) {}

  list(): Tag[] {
    return this.store.db
      .prepare(`SELECT id, name, color FROM tags WHERE deleted_hlc IS NULL ORDER BY name COLLATE NOCASE`)
      .all() as TagRow[];
  }

  get(id: string): Tag {
    const row = this.store.db
      .prepare(`SELECT id, name, color FROM tags WHERE id = ? AND deleted_hlc IS NULL`)
      .get(id) as TagRow | undefined;
    if (!row) throw new CoreError('NOT_FOUND', 'That tag no longer exists.');
    return row;
  }

  create({ name, color }: ParsedInput<'tags.create'>): Tag {
    this.assertNameFree(name, null);
    const id = newId();
    this.store.mutate((w) => w.insert('tags', { id, name, color }));
    return this.get(id);
  }

  update({ id, patch }: ParsedInput<'tags.update'>): Tag {
    const row: Row = {};
    if (patch.name !== undefined) {
      this.assertNameFree(patch.name, id);
      row.name = patch.name;
    }
    if (patch.color !== undefined) row.color = patch.color;
    this.store.mutate((w) => w.update('tags', id, row));
    return this.get(id);
  }

  /** Removes the tag from every trade, then the tag itself. */
  delete({ id }: { id: string }): { id: string } {
    const links = this.store.db
      .prepare(`SELECT id FROM trade_tags WHERE tag_id = ? AND deleted_hlc IS NULL`)
      .pluck()
      .all(id) as string[];
    this.store.mutate((w) => {
      for (const link of links) w.remove('trade_tags', link);
      w.remove('tags', id);
    });
    return { id };
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    const clash = this.store.db
      .prepare(`SELECT id FROM tags WHERE lower(name) = lower(?) AND deleted_hlc IS NULL`)
      .pluck()
      .get(name) as string | undefined;
    if (clash && clash !== exceptId) throw new CoreError('CONFLICT', `A tag named "${name}" already exists.`);
  }
}
