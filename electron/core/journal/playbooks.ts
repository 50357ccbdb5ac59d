import type { ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { Playbook, PlaybookRule } from '../../../shared/domain/types';
import { newId, type Row, type Store } from './store';

type PlaybookRow = {
  id: string;
  name: string;
  description: string;
  rules: string;
  color: string | null;
  archived: number;
  created_at: number;
};

const columns = `id, name, description, rules, color, archived, created_at`;

function parseRules(text: string): PlaybookRule[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (r): r is PlaybookRule => typeof r === 'object' && r !== null && typeof (r as PlaybookRule).text === 'string',
    );
  } catch {
    return [];
  }
}

/** The texts of a playbook's stored rules column; bad data reads as none. */
export function ruleTexts(text: string): string[] {
  return parseRules(text).map((r) => r.text);
}

function toPlaybook(r: PlaybookRow): Playbook {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    rules: parseRules(r.rules),
    color: r.color,
    archived: r.archived === 1,
    createdAt: r.created_at,
  };
}

/** Playbooks: the trader's setups and the rules each one must follow. */
export class Playbooks {
  constructor(private readonly store: Store) {}

  list({ includeArchived }: { includeArchived: boolean }): Playbook[] {
    const rows = this.store.db
      .prepare(
        `SELECT ${columns} FROM playbooks WHERE deleted_hlc IS NULL ${includeArchived ? '' : 'AND archived = 0'} ORDER BY name COLLATE NOCASE`,
      )
      .all() as PlaybookRow[];
    return rows.map(toPlaybook);
  }

  get({ id }: { id: string }): Playbook {
    const row = this.store.db
      .prepare(`SELECT ${columns} FROM playbooks WHERE id = ? AND deleted_hlc IS NULL`)
      .get(id) as PlaybookRow | undefined;
    if (!row) throw new CoreError('NOT_FOUND', 'That playbook no longer exists.');
    return toPlaybook(row);
  }

  create(input: ParsedInput<'playbooks.create'>): Playbook {
    const id = newId();
    this.store.mutate((w) =>
      w.insert('playbooks', {
        id,
        name: input.name,
        description: input.description,
        rules: JSON.stringify(input.rules),
        color: input.color,
        archived: 0,
        created_at: Date.now(),
      }),
    );
    return this.get({ id });
  }

  update({ id, patch }: ParsedInput<'playbooks.update'>): Playbook {
    const row: Row = {};
    if (patch.name !== undefined) row.name = patch.name;
    if (patch.description !== undefined) row.description = patch.description;
    if (patch.rules !== undefined) row.rules = JSON.stringify(patch.rules);
    if (patch.color !== undefined) row.color = patch.color;
    if (patch.archived !== undefined) row.archived = patch.archived ? 1 : 0;
    this.store.mutate((w) => w.update('playbooks', id, row));
    return this.get({ id });
  }

  /** Deleting a playbook unlinks it from its trades; the trades stay. */
  delete({ id }: { id: string }): { id: string } {
    const trades = this.store.db
      .prepare(`SELECT id FROM trades WHERE playbook_id = ? AND deleted_hlc IS NULL`)
      .pluck()
      .all(id) as string[];
    this.store.mutate((w) => {
      for (const trade of trades) w.update('trades', trade, { playbook_id: null });
      w.remove('playbooks', id);
    });
    return { id };
  }
}
