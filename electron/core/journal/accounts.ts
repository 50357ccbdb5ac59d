import type { ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { Account } from '../../../shared/domain/types';
import { newId, type Row, type Store } from './store';

type AccountRow = {
  id: string;
  name: string;
  broker: string | null;
  currency: string;
  time_zone: string | null;
  created_at: number;
};

const columns = `id, name, broker, currency, time_zone, created_at`;

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    name: r.name,
    broker: r.broker,
    currency: r.currency,
    timeZone: r.time_zone,
    createdAt: r.created_at,
  };
}

/** Trading accounts: one per broker account the trader journals. */
export class Accounts {
  constructor(private readonly store: Store) {}

  list(): Account[] {
    const rows = this.store.db
      .prepare(`SELECT ${columns} FROM accounts WHERE deleted_hlc IS NULL ORDER BY name COLLATE NOCASE`)
      .all() as AccountRow[];
    return rows.map(toAccount);
  }

  get(id: string): Account {
    const row = this.store.db
      .prepare(`SELECT ${columns} FROM accounts WHERE id = ? AND deleted_hlc IS NULL`)
      .get(id) as AccountRow | undefined;
    if (!row) throw new CoreError('NOT_FOUND', 'That account no longer exists.');
    return toAccount(row);
  }

  create(input: ParsedInput<'accounts.create'>): Account {
    this.refuseTakenName(input.name, null);
    const id = newId();
    this.store.mutate((w) =>
      w.insert('accounts', {
        id,
        name: input.name,
        broker: input.broker,
        currency: input.currency,
        time_zone: input.timeZone,
        created_at: Date.now(),
      }),
    );
    return this.get(id);
  }

  update({ id, patch }: ParsedInput<'accounts.update'>): Account {
    this.get(id);
    if (patch.name !== undefined) this.refuseTakenName(patch.name, id);
    const row: Row = {};
    if (patch.name !== undefined) row.name = patch.name;
    if (patch.broker !== undefined) row.broker = patch.broker;
    if (patch.currency !== undefined) row.currency = patch.currency;
    if (patch.timeZone !== undefined) row.time_zone = patch.timeZone;
    if (Object.keys(row).length > 0) this.store.mutate((w) => w.update('accounts', id, row));
    return this.get(id);
  }

  /** How many live trades the account holds (what deleting it would take with it). */
  tradeCount(id: string): number {
    return this.store.db
      .prepare(`SELECT count(*) FROM trades WHERE account_id = ? AND deleted_hlc IS NULL`)
      .pluck()
      .get(id) as number;
  }

  /** Imports pick an account by name, so two live accounts never share one (case aside). */
  private refuseTakenName(name: string, self: string | null): void {
    const taken = this.store.db
      .prepare(`SELECT id FROM accounts WHERE name = ? COLLATE NOCASE AND deleted_hlc IS NULL AND id IS NOT ?`)
      .pluck()
      .get(name, self);
    if (taken !== undefined) throw new CoreError('CONFLICT', `An account named “${name}” already exists.`);
  }

  /**
   * Tombstones the account, and with `withTrades` everything recorded under it, in one
   * mutation. An account that still has trades or fills is refused without `withTrades`.
   */
  delete({ id, withTrades }: ParsedInput<'accounts.delete'>): { id: string; trades: number } {
    const db = this.store.db;
    const account = this.get(id);
    const count = this.tradeCount(id);
    const fills = db
      .prepare(`SELECT count(*) FROM executions WHERE account_id = ? AND deleted_hlc IS NULL`)
      .pluck()
      .get(id) as number;
    if (!withTrades && count + fills > 0) {
      const what = count > 0 ? `${count} trade${count === 1 ? '' : 's'}` : `${fills} fill${fills === 1 ? '' : 's'}`;
      throw new CoreError(
        'CONFLICT',
        `“${account.name}” still has ${what}. Delete them with the account, or keep the account.`,
      );
    }
    this.store.mutate((w) => {
      const trades = db
        .prepare(`SELECT id FROM trades WHERE account_id = ? AND deleted_hlc IS NULL`)
        .pluck()
        .all(id) as string[];
      const execs = db
        .prepare(`SELECT id FROM executions WHERE account_id = ? AND deleted_hlc IS NULL`)
        .pluck()
        .all(id) as string[];
      const links = db
        .prepare(
          `SELECT tt.id FROM trade_tags tt JOIN trades t ON t.id = tt.trade_id WHERE t.account_id = ? AND tt.deleted_hlc IS NULL`,
        )
        .pluck()
        .all(id) as string[];
      for (const link of links) w.remove('trade_tags', link);
      db.prepare(`DELETE FROM trade_legs WHERE trade_id IN (SELECT id FROM trades WHERE account_id = ?)`).run(id);
      for (const exec of execs) w.remove('executions', exec);
      for (const trade of trades) w.remove('trades', trade);
      w.remove('accounts', id);
    });
    return { id, trades: count };
  }
}
