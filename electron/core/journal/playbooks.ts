import type { ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { Playbook, PlaybookAdherence, PlaybookRule } from '../../../shared/domain/types';
import { add, formatDecimal } from '../../../shared/domain/money';
import { splitRules } from '../../../shared/domain/rules-kept';
import { stringList } from './json';
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

/** A playbook's stored rules column as rules; bad data reads as none. */
export function parseRules(text: string): PlaybookRule[] {
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

  /**
   * For each live playbook that has rules: its closed trades, how many kept every rule (the
   * rules it has now; a ticked id of a rule since deleted does not count), and the net P&L
   * in the base currency on either side. One pass over the playbook trades' three columns.
   */
  adherence(): PlaybookAdherence[] {
    const db = this.store.db;
    const books = db.prepare(`SELECT id, rules FROM playbooks WHERE deleted_hlc IS NULL`).all() as {
      id: string;
      rules: string;
    }[];
    const byId = new Map<string, { rules: PlaybookRule[]; out: PlaybookAdherence }>();
    for (const b of books) {
      const rules = parseRules(b.rules);
      if (rules.length === 0) continue;
      const out = { playbookId: b.id, trades: 0, allKept: 0, allKeptNet: '0', notAllKeptNet: '0', unconverted: 0 };
      byId.set(b.id, { rules, out });
    }
    if (byId.size === 0) return [];
    const trades = db
      .prepare(
        `SELECT playbook_id, rules_kept, net_pnl_base FROM trades
         WHERE playbook_id IS NOT NULL AND status = 'closed' AND deleted_hlc IS NULL`,
      )
      .raw()
      .iterate() as IterableIterator<[string, string, string | null]>;
    for (const [playbookId, keptText, net] of trades) {
      const book = byId.get(playbookId);
      if (!book) continue;
      const { rules, out } = book;
      out.trades++;
      const all = keptText !== '[]' && splitRules(rules, stringList(keptText)).missed.length === 0;
      if (all) out.allKept++;
      if (net === null) out.unconverted++;
      else if (all) out.allKeptNet = add(out.allKeptNet, net);
      else out.notAllKeptNet = add(out.notAllKeptNet, net);
    }
    return [...byId.values()].map(({ out }) => ({
      ...out,
      allKeptNet: formatDecimal(out.allKeptNet),
      notAllKeptNet: formatDecimal(out.notAllKeptNet),
    }));
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
