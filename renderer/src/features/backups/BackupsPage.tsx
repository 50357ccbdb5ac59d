import { useEffect, useRef, useState } from 'react';
import type { BackupSettings } from '../../../../shared/contract/backups';
import { useJournal } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { PageHeader } from '../../ui/PageHeader';
import { BackupsCard } from './BackupsCard';
import { IntegrityCard } from './IntegrityCard';
import { RestoreCard } from './RestoreCard';
import { ScheduleCard } from './ScheduleCard';
import { scheduleSentence } from './schedule';
import { useOperation } from './use-operation';
import { useRestore } from './use-restore';

/** After a restore every view shows the restored journal, not what it held a moment ago. */
function reloadJournal(): void {
  const store = useJournal.getState();
  void Promise.all([store.loadStatus(), store.loadSettings(), store.loadAccounts(), store.loadTags()]);
}

/** Backups on this computer, restoring one, the schedule, and the integrity report. */
export function BackupsPage() {
  const operation = useOperation();
  const backups = useRemote('backups.list', {}, []);
  const remoteSettings = useRemote('backups.settings.get', {}, []);
  const status = useRemote('backups.status', {}, []);
  const reloadStatus = status.reload;
  // Saving answers with the new settings; they show at once instead of after a reload.
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  useEffect(() => {
    if (remoteSettings.value !== undefined) setSettings(remoteSettings.value);
  }, [remoteSettings.value]);

  const reloadBackups = backups.reload;
  const reloadSettings = remoteSettings.reload;
  // Bumped by each restore: a report or form about the journal that was replaced starts over.
  const [restores, setRestores] = useState(0);
  const restore = useRestore(operation, () => {
    setRestores((n) => n + 1);
    reloadJournal();
    reloadBackups();
    reloadSettings();
  });

  // A scheduled backup, or one made with `tpj backup`, moves the status bar's time: list it too.
  const lastBackupAt = useJournal((s) => s.status?.backup.lastBackupAt ?? null);
  const seenBackupAt = useRef(lastBackupAt);
  useEffect(() => {
    if (seenBackupAt.current === lastBackupAt) return;
    seenBackupAt.current = lastBackupAt;
    reloadBackups();
    reloadStatus();
  }, [lastBackupAt, reloadBackups, reloadStatus]);

  return (
    <>
      <PageHeader
        title="Backups"
        summary="Verified copies of this journal, restoring one, and a check that everything in the journal is consistent."
      />
      <div className="backups">
        <BackupsCard
          backups={backups}
          exportFolder={settings?.exportFolder ?? null}
          scheduleText={settings === null ? '' : scheduleSentence(settings)}
          operation={operation}
          onCreated={() => {
            reloadBackups();
            // An export remembers its folder.
            reloadSettings();
            reloadStatus();
          }}
          onRestore={(file) => restore.inspect(file)}
          onDeleted={reloadBackups}
        />
        <RestoreCard restore={restore} operation={operation} />
        <IntegrityCard key={restores} operation={operation} />
        <ScheduleCard
          settings={settings}
          loading={remoteSettings.loading}
          error={remoteSettings.error}
          onReload={reloadSettings}
          status={status.value ?? null}
          onSaved={(saved) => {
            setSettings(saved);
            reloadStatus();
          }}
        />
      </div>
    </>
  );
}
