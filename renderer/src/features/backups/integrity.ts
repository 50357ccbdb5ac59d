import type { IntegrityCheck, IntegrityReport, IntegrityStatus } from '../../../../shared/contract/backups';
import { countText } from '../../format/status';

// Failures first: they are what the trader came to see; "n/a" last.
const order: Record<IntegrityStatus, number> = { fail: 0, warn: 1, pass: 2, 'n/a': 3 };

export const statusLabels: Record<IntegrityStatus, string> = {
  fail: 'Fail',
  warn: 'Warning',
  pass: 'Pass',
  'n/a': 'Not applicable',
};

/** The report's checks, failures then warnings, each group in the core's order. */
export function sortChecks(checks: readonly IntegrityCheck[]): IntegrityCheck[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => order[a.check.status] - order[b.check.status] || a.index - b.index)
    .map(({ check }) => check);
}

/** "Every check passed", "1 check failed, 2 warnings". */
export function reportHeadline(report: Pick<IntegrityReport, 'checks'>): string {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  if (failed === 0 && warned === 0) return 'Every check passed';
  const parts: string[] = [];
  if (failed > 0) parts.push(`${countText(failed, 'check')} failed`);
  if (warned > 0) parts.push(countText(warned, 'warning'));
  return parts.join(', ');
}

/** The worst status in the report, for the headline's colour. */
export function worstStatus(report: Pick<IntegrityReport, 'checks'>): IntegrityStatus {
  return sortChecks(report.checks)[0]?.status ?? 'n/a';
}

/** "database integrity" → "Database integrity". */
export function checkTitle(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** "ageHours" → "age hours"; names with spaces stay as they are. */
function countLabel(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A check's counts as short "label: value" pairs, in the core's order. */
export function countPairs(counts: Record<string, number>, locale?: string): string[] {
  const format = new Intl.NumberFormat(locale);
  return Object.entries(counts).map(([key, value]) => `${countLabel(key)}: ${format.format(value)}`);
}
