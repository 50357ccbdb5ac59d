import type { Migration } from './types';

/**
 * Merge bases are recorded lazily. A text row with no pending outbox record agrees with the
 * cloud (it came from a pull, or its last change was acknowledged), so it is its own merge
 * base and needs no copy in `sync_base`; only the first local change to such a row must
 * save the version it was edited from. These triggers do that, in the same statement as
 * the change, whichever code path makes it: before a row's first change since it was last
 * in step with the cloud, its old version becomes its base. Acknowledging a push then only
 * drops bases instead of writing one per pushed row (100k rows after a first sync).
 *
 * The columns are those sync sends for the row (sync/entities.ts rowColumns) as they stand
 * at this migration; a later migration that adds a synced column to either table
 * recreates its trigger (a test compares the two lists).
 */
export const lazyBaseColumns = {
  trades: [
    'id',
    'account_id',
    'symbol',
    'asset_class',
    'side',
    'status',
    'opened_at',
    'closed_at',
    'quantity',
    'multiplier',
    'entry_price',
    'exit_price',
    'gross_pnl',
    'fees',
    'net_pnl',
    'outcome',
    'currency',
    'stop_price',
    'target_price',
    'risk_amount',
    'playbook_id',
    'rating',
    'notes',
    'emotions',
    'mistakes',
    'net_pnl_base',
    'rules_kept',
    'hlc',
    'deleted_hlc',
    'device_id',
  ],
  journal_entries: [
    'id',
    'kind',
    'day',
    'trade_id',
    'title',
    'body',
    'mood',
    'emotions',
    'mistakes',
    'pre_market',
    'post_market',
    'created_at',
    'updated_at',
    'hlc',
    'deleted_hlc',
    'device_id',
  ],
} as const;

function trigger(table: keyof typeof lazyBaseColumns): string {
  const texts = lazyBaseColumns[table].map((c) => `'${c}', OLD.${c}`).join(', ');
  // Only changes that make a new version (a new HLC): bookkeeping updates leave the row as synced.
  return `
    CREATE TRIGGER ${table}_keep_sync_base BEFORE UPDATE ON ${table}
    WHEN OLD.hlc IS NOT NEW.hlc
      AND NOT EXISTS (SELECT 1 FROM outbox WHERE entity = '${table}' AND row_id = OLD.id)
      AND NOT EXISTS (SELECT 1 FROM sync_base WHERE entity = '${table}' AND id = OLD.id)
    BEGIN
      INSERT INTO sync_base (entity, id, hlc, texts) VALUES ('${table}', OLD.id, OLD.hlc, json_object(${texts}));
    END;`;
}

export const migration0013: Migration = {
  version: 13,
  name: 'lazy-sync-base',
  up: (db) => {
    db.exec(trigger('trades') + trigger('journal_entries'));
  },
};
