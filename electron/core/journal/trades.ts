import type { ParsedInput, TradePage } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { Trade, TradeDetail, TradeLeg } from '../../../shared/domain/types';
import { regroupSymbols } from './regroup';
import { defaultTradeSort } from '../../../shared/contract/trades';
import { tradeWhere } from './trade-query';
import { decodeCursor, encodeCursor, searchSql, sortValueSql, sortWalks } from './trade-sort';
import { executionColumns, toExecution, toTrade, tradeColumns, type ExecutionRow, type TradeRow } from './trade-rows';
import { type Row, type Store, type Writer } from './store';
import { nameBasedId } from './ids';
import { prepared } from '../db/prepared';

/** Trades: listing, detail, the trader's annotations, deletion and bulk tagging. */
export class Trades {
  constructor(private readonly store: Store) {}

  list({ filter, sort = defaultTradeSort, search, cursor, limit }: ParsedInput<'trades.list'>): TradePage {
    const where = tradeWhere(filter);
    if (search) {
      const match = searchSql(search);
      where.sql += ` AND ${match.sql}`;
      where.params.push(...match.params);
    }
    const db = this.store.db;
    const after = cursor === null ? null : decodeCursor(cursor, sort);
    // Counted when the listing starts and carried in the cursor (as the contract says): a later
    // page of a search over 100k trades spares a count of ~280 ms.
    const total =
      after?.total ??
      (db
        .prepare(`SELECT count(*) FROM trades t WHERE ${where.sql}`)
        .pluck()
        .get(...where.params) as number);
    const rows: (TradeRow & { sort_value: number | string | null })[] = [];
    // One page may end the rows with a value and begin those without (sortWalks).
    for (const walk of sortWalks(sort, after)) {
      if (rows.length > limit) break;
      const sql = `SELECT ${tradeColumns}, ${sortValueSql(sort)} AS sort_value FROM trades t INDEXED BY ${walk.index}
        WHERE ${where.sql} AND ${walk.where} ORDER BY ${walk.orderBy} LIMIT ?`;
      rows.push(...(db.prepare(sql).all(...where.params, ...walk.params, limit + 1 - rows.length) as typeof rows));
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ sort, value: last.sort_value, id: last.id, total }) : null;
    return { items: page.map(toTrade), nextCursor, total };
  }

  get({ id }: { id: string }): TradeDetail {
    const trade = this.trade(id);
    const executions = prepared(
      this.store.db,
      `SELECT ${executionColumns} FROM executions
         WHERE id IN (SELECT execution_id FROM trade_legs WHERE trade_id = ?) AND deleted_hlc IS NULL
         ORDER BY executed_at, id`,
    ).all(id) as ExecutionRow[];
    const legs = prepared(
      this.store.db,
      `SELECT execution_id AS executionId, quantity, fee, role FROM trade_legs WHERE trade_id = ?`,
    ).all(id) as TradeLeg[];
    return { ...trade, executions: executions.map(toExecution), legs };
  }

  /** One live trade without its fills: what an edit answers with. */
  private trade(id: string): Trade {
    const row = prepared(
      this.store.db,
      `SELECT ${tradeColumns} FROM trades t WHERE t.id = ? AND t.deleted_hlc IS NULL`,
    ).get(id) as TradeRow | undefined;
    if (!row) throw new CoreError('NOT_FOUND', 'That trade no longer exists.');
    return toTrade(row);
  }

  update({ id, patch }: ParsedInput<'trades.update'>): Trade {
    const row: Row = {};
    if (patch.stopPrice !== undefined) row.stop_price = patch.stopPrice;
    if (patch.targetPrice !== undefined) row.target_price = patch.targetPrice;
    if (patch.riskAmount !== undefined) row.risk_amount = patch.riskAmount;
    if (patch.playbookId !== undefined) row.playbook_id = patch.playbookId;
    if (patch.rating !== undefined) row.rating = patch.rating;
    if (patch.notes !== undefined) row.notes = patch.notes;
    if (patch.emotions !== undefined) row.emotions = JSON.stringify(patch.emotions);
    if (patch.mistakes !== undefined) row.mistakes = JSON.stringify(patch.mistakes);
    if (patch.rulesKept !== undefined) row.rules_kept = JSON.stringify([...new Set(patch.rulesKept)]);
    if (patch.playbookId) this.assertLive('playbooks', patch.playbookId, 'playbook');
    this.store.mutate((w) => {
      if (Object.keys(row).length > 0) w.update('trades', id, row);
      else this.assertLive('trades', id, 'trade');
      if (patch.tagIds !== undefined) this.setTags(w, id, patch.tagIds);
    });
    // The trade as edited, not its detail: reading its fills and legs again was a third of
    // an edit's queries, for an answer typed without them.
    return this.trade(id);
  }

  /**
   * Deletes a trade with its fills (as tombstones: their dedupe keys stay, so re-importing
   * the file does not bring it back). A fill that reversed the position also fed the next
   * trade, so the symbol's trades are re-derived afterwards.
   */
  delete({ id }: { id: string }): { id: string } {
    const db = this.store.db;
    const trade = db.prepare(`SELECT account_id, symbol FROM trades WHERE id = ? AND deleted_hlc IS NULL`).get(id) as
      { account_id: string; symbol: string } | undefined;
    if (!trade) throw new CoreError('NOT_FOUND', 'That trade no longer exists.');
    this.store.mutate((w) => {
      const links = db
        .prepare(`SELECT id FROM trade_tags WHERE trade_id = ? AND deleted_hlc IS NULL`)
        .pluck()
        .all(id) as string[];
      const execs = db.prepare(`SELECT execution_id FROM trade_legs WHERE trade_id = ?`).pluck().all(id) as string[];
      for (const link of links) w.remove('trade_tags', link);
      for (const exec of execs) w.remove('executions', exec);
      db.prepare(`DELETE FROM trade_legs WHERE trade_id = ?`).run(id);
      w.remove('trades', id);
      regroupSymbols(this.store, w, [{ accountId: trade.account_id, symbol: trade.symbol }]);
    });
    return { id };
  }

  bulkTag({ ids, tagId, action }: ParsedInput<'trades.bulkTag'>): { updated: number } {
    this.assertLive('tags', tagId, 'tag');
    const db = this.store.db;
    const link = db
      .prepare(`SELECT id FROM trade_tags WHERE trade_id = ? AND tag_id = ? AND deleted_hlc IS NULL`)
      .pluck();
    const live = db.prepare(`SELECT 1 FROM trades WHERE id = ? AND deleted_hlc IS NULL`).pluck();
    let updated = 0;
    this.store.mutate((w) => {
      for (const tradeId of ids) {
        if (!live.get(tradeId)) continue;
        const existing = link.get(tradeId, tagId) as string | undefined;
        if (action === 'add' && !existing) {
          this.linkTag(w, tradeId, tagId);
          updated++;
        } else if (action === 'remove' && existing) {
          w.remove('trade_tags', existing);
          updated++;
        }
      }
    });
    return { updated };
  }

  private setTags(w: Writer, tradeId: string, tagIds: string[]): void {
    const db = this.store.db;
    const current = db
      .prepare(`SELECT id, tag_id FROM trade_tags WHERE trade_id = ? AND deleted_hlc IS NULL`)
      .all(tradeId) as { id: string; tag_id: string }[];
    const wanted = new Set(tagIds);
    for (const link of current) if (!wanted.has(link.tag_id)) w.remove('trade_tags', link.id);
    const have = new Set(current.map((l) => l.tag_id));
    for (const tagId of wanted) {
      if (have.has(tagId)) continue;
      this.assertLive('tags', tagId, 'tag');
      this.linkTag(w, tradeId, tagId);
    }
  }

  private linkTag(w: Writer, tradeId: string, tagId: string): void {
    // A tombstoned link for the same pair is revived rather than duplicated (UNIQUE(trade_id, tag_id)).
    const dead = this.store.db
      .prepare(`SELECT id FROM trade_tags WHERE trade_id = ? AND tag_id = ? AND deleted_hlc IS NOT NULL`)
      .pluck()
      .get(tradeId, tagId) as string | undefined;
    if (dead) w.revive('trade_tags', dead);
    else w.insert('trade_tags', { id: nameBasedId('trade_tags', tradeId, tagId), trade_id: tradeId, tag_id: tagId });
  }

  private assertLive(table: 'trades' | 'tags' | 'playbooks', id: string, what: string): void {
    // `table` is one of three names, so the cache holds at most three statements.
    const found = prepared(this.store.db, `SELECT 1 FROM ${table} WHERE id = ? AND deleted_hlc IS NULL`)
      .pluck()
      .get(id);
    if (!found) throw new CoreError('NOT_FOUND', `That ${what} no longer exists.`);
  }
}
