import type { Migration } from './types';

/** Every synced row carries these (DESIGN §2). */
const synced = `hlc TEXT NOT NULL, deleted_hlc TEXT, device_id TEXT NOT NULL`;

/** The first schema: every entity, the outbox and sync state. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        broker TEXT,
        currency TEXT NOT NULL,
        time_zone TEXT,
        created_at INTEGER NOT NULL,
        ${synced}
      ) STRICT;

      CREATE TABLE playbooks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        rules TEXT NOT NULL DEFAULT '[]',
        color TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        ${synced}
      ) STRICT;

      CREATE TABLE trades (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        symbol TEXT NOT NULL,
        asset_class TEXT NOT NULL CHECK (asset_class IN ('stock','future','option','crypto','forex')),
        side TEXT NOT NULL CHECK (side IN ('long','short')),
        status TEXT NOT NULL CHECK (status IN ('open','closed')),
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        quantity TEXT NOT NULL,
        -- currency per 1.0 of price per unit (futures point value, 100 for options)
        multiplier TEXT NOT NULL DEFAULT '1',
        entry_price TEXT NOT NULL,
        exit_price TEXT,
        gross_pnl TEXT NOT NULL,
        fees TEXT NOT NULL,
        net_pnl TEXT NOT NULL,
        -- sign of net_pnl (-1, 0, 1), kept so win/loss filters can use an index
        outcome INTEGER NOT NULL,
        currency TEXT NOT NULL,
        stop_price TEXT,
        target_price TEXT,
        risk_amount TEXT,
        playbook_id TEXT REFERENCES playbooks(id),
        rating INTEGER CHECK (rating BETWEEN 1 AND 5),
        notes TEXT NOT NULL DEFAULT '',
        emotions TEXT NOT NULL DEFAULT '[]',
        mistakes TEXT NOT NULL DEFAULT '[]',
        ${synced}
      ) STRICT;
      -- Newest-first paging plus every filter column, so counts and filtered pages read
      -- only this index and fetch full rows just for the trades on the page.
      CREATE INDEX trades_by_time ON trades (opened_at DESC, id DESC, account_id, side, outcome, status, playbook_id, symbol)
        WHERE deleted_hlc IS NULL;
      CREATE INDEX trades_by_symbol_time ON trades (symbol, opened_at DESC) WHERE deleted_hlc IS NULL;
      CREATE INDEX trades_by_playbook ON trades (playbook_id) WHERE playbook_id IS NOT NULL;

      CREATE TABLE executions (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        -- broker execution id, or a content hash when the broker gives none
        dedupe_key TEXT NOT NULL,
        broker_exec_id TEXT,
        order_id TEXT,
        symbol TEXT NOT NULL,
        asset_class TEXT NOT NULL CHECK (asset_class IN ('stock','future','option','crypto','forex')),
        side TEXT NOT NULL CHECK (side IN ('buy','sell')),
        quantity TEXT NOT NULL,
        price TEXT NOT NULL,
        fee TEXT NOT NULL,
        currency TEXT NOT NULL,
        executed_at INTEGER NOT NULL,
        -- the import batch (or 'demo', 'manual') the fill came from
        source TEXT,
        ${synced},
        UNIQUE (account_id, dedupe_key)
      ) STRICT;
      CREATE INDEX executions_by_symbol_time ON executions (account_id, symbol, executed_at);

      -- Which part of which fill belongs to which trade. Derived by the P&L engine from the
      -- executions, so it is local only (each device derives it); a fill that reverses a
      -- position has one leg in each of two trades.
      CREATE TABLE trade_legs (
        trade_id TEXT NOT NULL REFERENCES trades(id),
        execution_id TEXT NOT NULL REFERENCES executions(id),
        quantity TEXT NOT NULL,
        fee TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('open','close')),
        PRIMARY KEY (trade_id, execution_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX trade_legs_by_execution ON trade_legs (execution_id);

      CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        color TEXT,
        ${synced}
      ) STRICT;
      CREATE UNIQUE INDEX tags_live_name ON tags (lower(name)) WHERE deleted_hlc IS NULL;

      CREATE TABLE trade_tags (
        id TEXT PRIMARY KEY,
        trade_id TEXT NOT NULL REFERENCES trades(id),
        tag_id TEXT NOT NULL REFERENCES tags(id),
        ${synced},
        UNIQUE (trade_id, tag_id)
      ) STRICT;
      CREATE INDEX trade_tags_by_tag ON trade_tags (tag_id) WHERE deleted_hlc IS NULL;

      CREATE TABLE journal_entries (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('day','trade','note')),
        day TEXT,
        trade_id TEXT REFERENCES trades(id),
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        mood INTEGER CHECK (mood BETWEEN 1 AND 5),
        emotions TEXT NOT NULL DEFAULT '[]',
        mistakes TEXT NOT NULL DEFAULT '[]',
        pre_market TEXT NOT NULL DEFAULT '',
        post_market TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        ${synced}
      ) STRICT;
      CREATE INDEX journal_entries_by_day ON journal_entries (day) WHERE deleted_hlc IS NULL;
      CREATE INDEX journal_entries_by_trade ON journal_entries (trade_id) WHERE trade_id IS NOT NULL;

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        trade_id TEXT REFERENCES trades(id),
        journal_entry_id TEXT REFERENCES journal_entries(id),
        created_at INTEGER NOT NULL,
        ${synced}
      ) STRICT;
      CREATE INDEX attachments_by_trade ON attachments (trade_id) WHERE trade_id IS NOT NULL;
      CREATE INDEX attachments_by_entry ON attachments (journal_entry_id) WHERE journal_entry_id IS NOT NULL;

      CREATE TABLE coach_messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user','coach','system')),
        mode TEXT NOT NULL,
        content TEXT NOT NULL,
        citations TEXT NOT NULL DEFAULT '[]',
        provider TEXT,
        created_at INTEGER NOT NULL,
        ${synced}
      ) STRICT;
      CREATE INDEX coach_messages_by_conversation ON coach_messages (conversation_id, created_at);

      CREATE TABLE settings (
        id TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        ${synced}
      ) STRICT;

      -- Ticks are append-only market data; sync tracks them by chunk, not per row.
      CREATE TABLE ticks (
        symbol TEXT NOT NULL,
        ts INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        price REAL NOT NULL,
        size REAL NOT NULL,
        PRIMARY KEY (symbol, ts, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE tick_chunks (
        symbol TEXT NOT NULL,
        day TEXT NOT NULL,
        count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        uploaded_at INTEGER,
        PRIMARY KEY (symbol, day)
      ) STRICT;

      -- The change log: written in the same transaction as the row it describes.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        entity TEXT NOT NULL,
        row_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert','delete')),
        patch TEXT NOT NULL,
        hlc TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_by_row ON outbox (entity, row_id);

      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    `);
  },
};
