import type { BackupCreated, BackupInfo } from '../../../../shared/contract/backups';
import { countText } from '../../format/status';
import { formatBytes } from './sizes';

/** Newest first; the file path breaks ties so the order never flickers between reloads. */
export function newestFirst(backups: readonly BackupInfo[]): BackupInfo[] {
  return [...backups].sort((a, b) => b.createdAt - a.createdAt || a.file.localeCompare(b.file));
}

/** "Backed up and verified: 1.8 MB, 200 trades." with what retention removed. */
export function createdText(created: BackupCreated, locale?: string): string {
  const parts = [formatBytes(created.size, locale)];
  const trades = created.tables['trades'];
  if (trades !== undefined) parts.push(countText(trades, 'trade', undefined, locale));
  if (created.attachments > 0) parts.push(countText(created.attachments, 'attachment', undefined, locale));
  const where = created.location === 'export' ? ' to the export folder' : '';
  let text = `Backed up${where} and verified: ${parts.join(', ')}.`;
  if (created.removed.length > 0) {
    const removed = countText(created.removed.length, 'older backup', undefined, locale);
    text += ` ${removed} removed by the retention rule.`;
  }
  return text;
}
