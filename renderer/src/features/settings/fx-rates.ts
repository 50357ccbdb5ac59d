import type { Account, Settings } from '../../../../shared/domain/types';

/** Currencies that need a rate: every account currency besides the base, plus rates already set. */
export function ratesToEdit(settings: Settings, accounts: readonly Account[]): string[] {
  const codes = new Set([...accounts.map((a) => a.currency), ...Object.keys(settings.fxRates)]);
  codes.delete(settings.baseCurrency);
  return [...codes].sort();
}

/** A rate the core accepts: a plain positive decimal. */
export function validRate(text: string): boolean {
  return /^\d+(\.\d+)?$/.test(text.trim()) && /[1-9]/.test(text);
}
