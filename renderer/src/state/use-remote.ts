import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, EntityName, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { call } from '../client/call';
import { client } from '../client/client';

export type Remote<T> = {
  value: T | undefined;
  loading: boolean;
  error: AppError | null;
  reload: () => void;
};

/**
 * Load one contract call for a view and load it again whenever the core says one of
 * `refreshOn` changed. Answers that arrive after a newer request are ignored.
 */
export function useRemote<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  refreshOn: readonly EntityName[],
): Remote<MethodOutput<M>> {
  const [value, setValue] = useState<MethodOutput<M> | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const latest = useRef(0);
  // Inputs are small plain objects; comparing them as JSON lets callers pass literals.
  const inputKey = JSON.stringify(input);
  const refreshKey = refreshOn.join(',');

  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    const result = await call(method, JSON.parse(inputKey) as MethodInput<M>);
    if (request !== latest.current) return;
    setLoading(false);
    if (result.ok) {
      setValue(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, [method, inputKey]);

  useEffect(() => {
    void load();
    const watched = new Set(refreshKey.split(','));
    return client.on('journal.changed', ({ entities }) => {
      if (entities.some((e) => watched.has(e))) void load();
    });
  }, [load, refreshKey]);

  return { value, loading, error, reload: () => void load() };
}
