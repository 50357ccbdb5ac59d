import type { Handlers } from '../../../shared/contract';
import type { backupsContract } from '../../../shared/contract/backups';
import type { BackupService } from './service';

/** The contract methods the backup slice declares. */
export type BackupHandlers = Pick<Handlers, keyof typeof backupsContract>;

/** Contract handlers over the backup service (which outlives every journal it restores). */
export function backupHandlers(service: BackupService): BackupHandlers {
  return {
    'backups.list': () => service.list(),
    'backups.create': (i) => service.create(i),
    'backups.restore': (i) => service.restore(i),
    'backups.inspect': (i) => service.inspect(i),
    'backups.delete': (i) => service.delete(i),
    'backups.status': () => service.status(),
    'backups.cancel': () => service.cancel(),
    'backups.settings.get': () => service.settings(),
    'backups.settings.update': (i) => service.updateSettings(i.patch),
    'journal.verify': () => service.verifyJournal(),
  };
}
