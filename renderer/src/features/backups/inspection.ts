import type { BackupInspection, TableComparison } from '../../../../shared/contract/backups';
import type { AppStatus } from '../../../../shared/domain/types';
import { countText } from '../../format/status';

/** One line of "now vs in the backup", in the trader's words. */
export type ComparisonRow = TableComparison & {
  label: string;
  change: 'same' | 'more' | 'fewer' | 'only-now' | 'only-backup';
};

/** What a restore would replace, sorted into what a trader recognises and the bookkeeping around it. */
export type InspectionSummary = {
  /** Trades, executions, accounts, notes… in a fixed order. */
  main: ComparisonRow[];
  /** Sync log, links, internal tables; shown folded. */
  other: ComparisonRow[];
  /** How many of `main` differ between now and the backup. */
  changed: number;
};

// The tables a trader knows by name, in the order they think of them.
const mainTables: [table: string, label: string][] = [
  ['trades', 'Trades'],
  ['executions', 'Executions'],
  ['accounts', 'Accounts'],
  ['journal_entries', 'Journal entries'],
  ['playbooks', 'Playbooks'],
  ['tags', 'Tags'],
  ['attachments', 'Attachments'],
  ['ticks', 'Ticks (market data)'],
  ['import_presets', 'Import presets'],
  ['coach_messages', 'Coach messages'],
];

const otherLabels: Record<string, string> = {
  trade_tags: 'Tag links',
  trade_legs: 'Trade legs',
  import_batches: 'Import history',
  outbox: 'Changes waiting to sync',
  tick_chunks: 'Tick chunks',
  sync_state: 'Sync state',
  settings: 'Settings',
  meta: 'Journal facts',
};

/** "trade_legs" → "Trade legs" for a table a later migration added. */
function tableLabel(table: string): string {
  const known = mainTables.find(([t]) => t === table)?.[1] ?? otherLabels[table];
  if (known !== undefined) return known;
  const words = table.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function changeOf({ current, backup }: TableComparison): ComparisonRow['change'] {
  if (current === null) return 'only-backup';
  if (backup === null) return 'only-now';
  if (current === backup) return 'same';
  return backup > current ? 'more' : 'fewer';
}

function row(comparison: TableComparison, label = tableLabel(comparison.table)): ComparisonRow {
  return { ...comparison, label, change: changeOf(comparison) };
}

/** Sort an inspection's table counts for the restore summary. */
export function summariseInspection(inspection: Pick<BackupInspection, 'tables'>): InspectionSummary {
  const byTable = new Map(inspection.tables.map((t) => [t.table, t]));
  const main = mainTables.flatMap(([table]) => {
    const found = byTable.get(table);
    return found === undefined ? [] : [row(found)];
  });
  const other = inspection.tables
    .filter((t) => !mainTables.some(([table]) => table === t.table))
    .map((t) => row(t))
    .sort((a, b) => a.label.localeCompare(b.label));
  return {
    main,
    other,
    changed: main.filter((r) => r.change !== 'same').length,
  };
}

type LiveCounts = AppStatus['counts'];

const liveLabels: [key: keyof LiveCounts, table: string, label: string, singular: string, plural?: string][] = [
  ['trades', 'trades', 'Trades', 'trade'],
  ['executions', 'executions', 'Executions', 'execution'],
  ['accounts', 'accounts', 'Accounts', 'account'],
  ['journalEntries', 'journal_entries', 'Journal entries', 'journal entry', 'journal entries'],
];

/** "The journal shows 199 trades, 507 executions, 3 accounts and 36 journal entries now." */
export function liveNowText(counts: LiveCounts, locale?: string): string {
  const parts = liveLabels.map(([key, , , one, many]) => countText(counts[key], one, many, locale));
  const last = parts.pop() ?? '';
  return `The journal shows ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last} now.`;
}

/** What a trader sees (deleted rows left out) before and after a restore, from the status counts. */
export function liveComparison(before: LiveCounts, after: LiveCounts): ComparisonRow[] {
  return liveLabels.map(([key, table, label]) =>
    row({ table, current: before[key], backup: after[key], currentLive: before[key], backupLive: after[key] }, label),
  );
}

/** "2 (older; migrated on restore)" beside the app's own schema version. */
export function schemaText(backupSchema: number, appSchema: number | null): string {
  if (appSchema === null || backupSchema === appSchema) return String(backupSchema);
  if (backupSchema < appSchema) return `${backupSchema} (older; brought up to ${appSchema} when restored)`;
  return `${backupSchema} (newer than this app’s ${appSchema})`;
}

/** The word the trader types to confirm a restore. */
export const CONFIRM_WORD = 'RESTORE';

/** Typed deliberately, whatever the letter case: caps lock should not be what stands in the way. */
export function isConfirmWord(text: string): boolean {
  return text.trim().toUpperCase() === CONFIRM_WORD;
}
