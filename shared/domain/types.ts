/**
 * Entity types shared by the core, the sync engine and the UI.
 * Money and quantities are decimal strings ("-58.5", "0.0125"); times are UTC epoch ms.
 */

/** A decimal number written as a string, exact to the last digit. */
export type Decimal = string;

export type AssetClass = 'stock' | 'future' | 'option' | 'crypto' | 'forex';
export type ExecutionSide = 'buy' | 'sell';
export type TradeSide = 'long' | 'short';
export type TradeStatus = 'open' | 'closed';
export type Outcome = 'win' | 'loss' | 'breakeven';
export type Theme = 'light' | 'dark' | 'system';

/** Columns every synced row carries (DESIGN §2). */
export type SyncedRow = {
  id: string;
  hlc: string;
  deletedHlc: string | null;
  deviceId: string;
};

export type Account = {
  id: string;
  name: string;
  broker: string | null;
  currency: string;
  timeZone: string | null;
  createdAt: number;
};

/** An immutable broker fact: one fill. */
export type Execution = {
  id: string;
  accountId: string;
  brokerExecId: string | null;
  orderId: string | null;
  symbol: string;
  assetClass: AssetClass;
  side: ExecutionSide;
  quantity: Decimal;
  price: Decimal;
  fee: Decimal;
  currency: string;
  executedAt: number;
};

/** Trader annotations on a trade; everything a trader edits by hand. */
export type TradeAnnotations = {
  stopPrice: Decimal | null;
  targetPrice: Decimal | null;
  riskAmount: Decimal | null;
  playbookId: string | null;
  rating: number | null;
  notes: string;
  emotions: string[];
  mistakes: string[];
  /** Ids of the playbook's rules the trader kept on this trade (ticked on its page). */
  rulesKept: string[];
};

/** A round trip derived from executions, plus the trader's annotations. */
export type Trade = TradeAnnotations & {
  id: string;
  accountId: string;
  symbol: string;
  assetClass: AssetClass;
  side: TradeSide;
  status: TradeStatus;
  openedAt: number;
  closedAt: number | null;
  quantity: Decimal;
  /** Currency per 1.0 of price per unit: futures point value, 100 for options, 1 for stocks. */
  multiplier: Decimal;
  entryPrice: Decimal;
  exitPrice: Decimal | null;
  grossPnl: Decimal;
  fees: Decimal;
  netPnl: Decimal;
  currency: string;
  /** Net P&L in the base currency; null when the trade's currency has no rate set. */
  netPnlBase: Decimal | null;
  /** Multiple of the planned risk, when a stop or a risk amount is known. */
  rMultiple: Decimal | null;
  tagIds: string[];
};

/** The part of one execution that belongs to a trade (a reversing fill is split over two trades). */
export type TradeLeg = { executionId: string; quantity: Decimal; fee: Decimal; role: 'open' | 'close' };

export type TradeDetail = Trade & { executions: Execution[]; legs: TradeLeg[] };

export type JournalEntryKind = 'day' | 'trade' | 'note';

export type JournalEntry = {
  id: string;
  kind: JournalEntryKind;
  /** Trading day, YYYY-MM-DD in the trader's time zone, for day entries. */
  day: string | null;
  tradeId: string | null;
  title: string;
  body: string;
  mood: number | null;
  emotions: string[];
  mistakes: string[];
  preMarket: string;
  postMarket: string;
  createdAt: number;
  updatedAt: number;
};

export type PlaybookRule = { id: string; text: string };

export type Playbook = {
  id: string;
  name: string;
  description: string;
  rules: PlaybookRule[];
  color: string | null;
  archived: boolean;
  createdAt: number;
};

/**
 * How closely a playbook's closed trades kept its rules (the rules it has now), with the net
 * P&L in the base currency of the trades that kept every rule and of those that did not.
 */
export type PlaybookAdherence = {
  playbookId: string;
  /** Closed trades of this playbook. */
  trades: number;
  /** Of those, trades with every rule of the playbook ticked as kept. */
  allKept: number;
  allKeptNet: Decimal;
  /** Net P&L of the trades with at least one rule not ticked. */
  notAllKeptNet: Decimal;
  /** Trades left out of both sums: no exchange rate to the base currency for their currency. */
  unconverted: number;
};

export type Tag = { id: string; name: string; color: string | null };

export type Attachment = {
  id: string;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  tradeId: string | null;
  journalEntryId: string | null;
  createdAt: number;
};

export type Settings = {
  baseCurrency: string;
  displayTimeZone: string;
  theme: Theme;
  /** Currency code → how many units of the base currency one unit buys ("1.0832" for EUR in USD). */
  fxRates: Record<string, Decimal>;
};

export type SyncState = 'not-configured' | 'offline' | 'syncing' | 'up-to-date' | 'error' | 'conflicts';

/** What the status bar shows: sync, backups and the local store. */
export type AppStatus = {
  version: string;
  deviceId: string;
  dataDir: string;
  schemaVersion: number;
  counts: { accounts: number; trades: number; executions: number; journalEntries: number };
  sync: {
    state: SyncState;
    lastSyncedAt: number | null;
    message: string | null;
    /** Changes waiting for review after sync (set only when a cloud is configured). */
    conflicts?: number;
  };
  backup: { lastBackupAt: number | null };
  outboxPending: number;
};
