import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { JobsOverview } from '../../../../shared/contract/jobs';
import { callQuietly } from '../../client/quiet-call';
import { client } from '../../client/client';

export type JobsState = {
  overview: JobsOverview | undefined;
  error: AppError | null;
  /** Latest progress per running job, from `jobs.progress` events. */
  progress: ReadonlyMap<number, number>;
  reload: () => void;
};

/** The local queue's backlog and unfinished jobs, reloaded whenever the core says jobs changed. */
export function useJobs(): JobsState {
  const [overview, setOverview] = useState<JobsOverview | undefined>(undefined);
  const [error, setError] = useState<AppError | null>(null);
  const [progress, setProgress] = useState<ReadonlyMap<number, number>>(new Map());
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    const result = await callQuietly('jobs.list', { limit: 50 });
    if (request !== latest.current) return;
    if (result.ok) {
      setOverview(result.value);
      setError(null);
      // Forget progress of jobs that are no longer running.
      const running = new Set(result.value.jobs.filter((j) => j.state === 'active').map((j) => j.id));
      setProgress((previous) => new Map([...previous].filter(([id]) => running.has(id))));
    } else {
      setError(result.error);
    }
  }, []);

  useEffect(() => {
    void load();
    const offChanged = client.on('jobs.changed', () => void load());
    const offProgress = client.on('jobs.progress', ({ id, progress: value }) =>
      setProgress((previous) => new Map(previous).set(id, value)),
    );
    return () => {
      offChanged();
      offProgress();
    };
  }, [load]);

  return { overview, error, progress, reload: () => void load() };
}
