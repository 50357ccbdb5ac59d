import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { SyncStatusView } from '../../../../shared/contract/sync';
import { callQuietly } from '../../client/quiet-call';
import { client } from '../../client/client';

export type SyncStatusState = {
  status: SyncStatusView | undefined;
  error: AppError | null;
  reload: () => void;
};

/** `sync.status`, read again whenever the core sends a `status` event (every sync state change). */
export function useSyncStatus(): SyncStatusState {
  const [status, setStatus] = useState<SyncStatusView | undefined>(undefined);
  const [error, setError] = useState<AppError | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    const result = await callQuietly('sync.status', {});
    if (request !== latest.current) return;
    if (result.ok) {
      setStatus(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, []);

  useEffect(() => {
    void load();
    return client.on('status', () => void load());
  }, [load]);

  return { status, error, reload: () => void load() };
}
