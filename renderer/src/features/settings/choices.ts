/** Options for the settings selects, from the browser's own Intl data (no lists to maintain). */

/** Every IANA time zone the browser knows, plus UTC (which some engines leave out), plus `current`. */
export function timeZoneChoices(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

/** Currency codes with their names ("USD — US Dollar"), plus `current`. */
export function currencyChoices(current: string, locale?: string): { code: string; label: string }[] {
  const names = new Intl.DisplayNames(locale, { type: 'currency' });
  const codes = new Set(Intl.supportedValuesOf('currency'));
  codes.add(current);
  return [...codes].sort().map((code) => ({ code, label: `${code} — ${names.of(code) ?? code}` }));
}
