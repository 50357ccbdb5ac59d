import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupOperation, BackupProgress } from '../../../../shared/contract/backups';
import { client } from '../../client/client';
import { callQuietly } from '../../client/quiet-call';

/** The one backup, restore or check this page runs at a time (the core runs one at a time too). */
export type Operation = {
  running: BackupOperation | null;
  /** The latest `backup.progress` of the running operation. */
  progress: BackupProgress | null;
  /** Run `work` as `operation`; resolves with what `work` resolves. */
  run: <T>(operation: BackupOperation, work: () => Promise<T>) => Promise<T>;
  /** Ask the core to stop it; the call that started it then answers CANCELLED. */
  cancel: () => void;
};

export function useOperation(): Operation {
  const [running, setRunning] = useState<BackupOperation | null>(null);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  // The listener below is added once; it reads the operation through this ref.
  const current = useRef<BackupOperation | null>(null);

  useEffect(
    () =>
      client.on('backup.progress', (p) => {
        if (p.operation === current.current) setProgress(p);
      }),
    [],
  );

  const run = useCallback(async <T>(operation: BackupOperation, work: () => Promise<T>): Promise<T> => {
    current.current = operation;
    setRunning(operation);
    setProgress(null);
    try {
      return await work();
    } finally {
      current.current = null;
      setRunning(null);
      setProgress(null);
    }
  }, []);

  const cancel = useCallback(() => {
    void callQuietly('backups.cancel', {});
  }, []);

  return { running, progress, run, cancel };
}
