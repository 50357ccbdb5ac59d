import type { ParsedInput } from '../../../shared/contract';
import type { Settings } from '../../../shared/domain/types';
import type { Database } from 'better-sqlite3';
import type { EngineOptions } from '../../../shared/domain/pnl';
import { basePnl } from './base-pnl';
import type { Store, Writer } from './store';
import { prepared } from '../db/prepared';

/** What a new journal starts with. */
export function defaultSettings(): Settings {
  return {
    baseCurrency: 'USD',
    displayTimeZone: systemTimeZone(),
    theme: 'system',
    fxRates: {},
  };
}

let zone: { name: string; readAt: number } | null = null;

/**
 * The computer's time zone. Asking Intl builds a whole formatter (about 0.3 ms, on every
 * trade edit through the settings read), so the answer is kept for a minute: a trader who
 * flies to another zone sees it within that minute, without restarting the app.
 */
export function systemTimeZone(now = Date.now()): string {
  if (zone === null || now - zone.readAt >= 60_000 || now < zone.readAt) {
    zone = { name: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', readAt: now };
  }
  return zone.name;
}

/** Trader preferences; one synced row per key. */
export class SettingsService {
  constructor(private readonly store: Store) {}

  get(): Settings {
    const rows = prepared(this.store.db, `SELECT id, value FROM settings WHERE deleted_hlc IS NULL`).all() as {
      id: string;
      value: string;
    }[];
    const settings: Settings = defaultSettings();
    for (const { id, value } of rows) {
      const parsed: unknown = JSON.parse(value);
      if (id === 'baseCurrency' && typeof parsed === 'string') settings.baseCurrency = parsed;
      if (id === 'displayTimeZone' && typeof parsed === 'string') settings.displayTimeZone = parsed;
      if (id === 'theme' && (parsed === 'light' || parsed === 'dark' || parsed === 'system')) settings.theme = parsed;
      if (id === 'fxRates' && isRates(parsed)) settings.fxRates = parsed;
    }
    return settings;
  }

  update({ patch }: ParsedInput<'settings.update'>): Settings {
    const exists = this.store.db.prepare(`SELECT 1 FROM settings WHERE id = ?`).pluck();
    this.store.mutate((w) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if (exists.get(key)) w.update('settings', key, { value: JSON.stringify(value) });
        else w.insert('settings', { id: key, value: JSON.stringify(value) });
      }
      // New rates or a new base currency change every trade's base-currency P&L.
      if (patch.fxRates !== undefined || patch.baseCurrency !== undefined) recomputeBasePnl(this.store.db, w);
    });
    return this.get();
  }
}

function isRates(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.entries(value).every(([k, v]) => /^[A-Z]{3}$/.test(k) && typeof v === 'string')
  );
}

/** The P&L engine's conversion options from the stored settings. */
export function conversionOptions(db: Database): EngineOptions {
  const rows = db
    .prepare(`SELECT id, value FROM settings WHERE id IN ('baseCurrency', 'fxRates') AND deleted_hlc IS NULL`)
    .all() as {
    id: string;
    value: string;
  }[];
  const options: EngineOptions = { baseCurrency: defaultSettings().baseCurrency, fxRates: {} };
  for (const { id, value } of rows) {
    const parsed: unknown = JSON.parse(value);
    if (id === 'baseCurrency' && typeof parsed === 'string') options.baseCurrency = parsed;
    if (id === 'fxRates' && isRates(parsed)) options.fxRates = parsed;
  }
  return options;
}

/** Re-convert every live trade's net P&L with the current rates; writes only what changed. */
function recomputeBasePnl(db: Database, w: Writer): void {
  const options = conversionOptions(db);
  const trades = db
    .prepare(`SELECT id, net_pnl, currency, net_pnl_base FROM trades WHERE deleted_hlc IS NULL`)
    .all() as { id: string; net_pnl: string; currency: string; net_pnl_base: string | null }[];
  for (const t of trades) {
    const next = basePnl(t.net_pnl, t.currency, options);
    if (next !== t.net_pnl_base) w.update('trades', t.id, { net_pnl_base: next });
  }
}
