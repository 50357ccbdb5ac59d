/** Parsing what the trader types into the stop, target and risk boxes. */

export type ParsedDecimal = { ok: true; value: string | null } | { ok: false; message: string };

/**
 * A positive decimal as the contract wants it ("4521.25"): spaces and thousands commas
 * ("4,521.25") are accepted, "12." and ".5" are completed; an empty box clears the field.
 */
export function parsePositiveDecimal(text: string): ParsedDecimal {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return { ok: true, value: null };
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(compact) || /^\d*\.?\d*$/.test(compact)) {
    let value = compact.replace(/,/g, '');
    if (value.startsWith('.')) value = `0${value}`;
    if (value.endsWith('.')) value = value.slice(0, -1);
    if (value === '' || value === '0') return { ok: false, message: 'Enter a number greater than zero.' };
    value = value.replace(/^0+(?=\d)/, '');
    if (!/[1-9]/.test(value)) return { ok: false, message: 'Enter a number greater than zero.' };
    return { ok: true, value };
  }
  if (compact.startsWith('-')) return { ok: false, message: 'Enter a number greater than zero.' };
  return { ok: false, message: 'Enter a number like 4521.25.' };
}

/** How long a position was held: "45s", "12m 5s", "2h 14m", "3d 4h". */
export function formatHolding(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** A label typed into an emotions or mistakes box, trimmed; null when empty or already there. */
export function newLabel(text: string, existing: readonly string[]): string | null {
  const label = text.trim().replace(/\s+/g, ' ').slice(0, 60);
  if (label === '') return null;
  const lower = label.toLowerCase();
  return existing.some((e) => e.toLowerCase() === lower) ? null : label;
}
