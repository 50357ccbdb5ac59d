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

/** Market data a view is drawn from: ticks of one symbol, or of any (a coverage list). */
export type TicksWatch = { symbol: string } | 'any';

/**
 * Load one contract call for a view and load it again whenever the core says one of
 * `refreshOn` changed, or ticks of `ticks` were added. Answers that arrive after a newer
 * request are ignored.
 */
export function useRemote<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  refreshOn: readonly EntityName[],
  ticks?: TicksWatch,
): Remote<MethodOutput<M>> {
  const [value, setValue] = useState<MethodOutput<M> | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const latest = useRef(0);
  // Inputs are small plain objects; comparing them as JSON lets callers pass literals.
  const inputKey = JSON.stringify(input);
  const refreshKey = refreshOn.join(',');
  // Symbols compare upper-cased, as the tick store keeps them.
  const ticksKey = ticks === undefined ? null : ticks === 'any' ? '*' : ticks.symbol.toUpperCase();

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
    const offJournal = client.on('journal.changed', ({ entities }) => {
      if (entities.some((e) => watched.has(e))) void load();
    });
    const offTicks =
      ticksKey === null
        ? () => {}
        : client.on('ticks.changed', ({ symbols }) => {
            if (ticksWanted(ticksKey, symbols)) void load();
          });
    return () => {
      offJournal();
      offTicks();
    };
  }, [load, refreshKey, ticksKey]);

  return { value, loading, error, reload: () => void load() };
}

/** Whether added ticks of `symbols` (null: unknown, any) change a view watching `key` ('*': any symbol). */
export function ticksWanted(key: string, symbols: readonly string[] | null): boolean {
  return key === '*' || symbols === null || symbols.some((s) => s.toUpperCase() === key);
}
