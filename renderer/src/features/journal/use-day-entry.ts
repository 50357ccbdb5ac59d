import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import { callQuietly } from '../../client/quiet-call';
import { useUndoableSaves, type UndoableSaves } from '../../state/use-undoable-saves';
import { applyDayPatch, dayUndoOf, fieldsOf, type DayFields, type DayPatch } from './day-fields';

export type DayEntryEditor = Omit<UndoableSaves<DayPatch>, 'commit' | 'forget'> & {
  values: DayFields | null;
  loadError: AppError | null;
  /** Save a change now (one undo step). */
  commit: (patch: DayPatch) => void;
  reload: () => void;
};

/**
 * The journal entry of one day, saved as the trader goes. A day has no entry until the first
 * edit, which creates it; later edits update it. Ctrl+Z sends the inverse of the last edit.
 */
export function useDayEntry(day: string): DayEntryEditor {
  const [values, setValues] = useState<DayFields | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const current = useRef<DayFields | null>(null);
  const entryId = useRef<string | null>(null);

  const show = (next: DayFields) => {
    current.current = next;
    setValues(next);
  };

  const saves = useUndoableSaves<DayPatch>({
    apply: (patch) => {
      if (current.current !== null) show(applyDayPatch(current.current, patch));
    },
    send: async (patch) => {
      if (entryId.current !== null) return callQuietly('journal.update', { id: entryId.current, patch });
      const created = await callQuietly('journal.create', { kind: 'day', day, ...patch });
      if (created.ok) entryId.current = created.value.id;
      return created;
    },
  });

  const load = useCallback(async () => {
    const result = await callQuietly('journal.list', { kind: 'day', from: day, to: day });
    if (!result.ok) {
      setLoadError(result.error);
      return;
    }
    setLoadError(null);
    const entry = result.value[0] ?? null;
    entryId.current = entry?.id ?? null;
    show(fieldsOf(entry));
  }, [day]);

  useEffect(() => {
    void load();
  }, [load]);

  const { commit: commitWithUndo } = saves;
  const commit = useCallback(
    (patch: DayPatch) => {
      const now = current.current;
      if (now === null) return;
      const undo = dayUndoOf(now, patch);
      if (undo !== null) commitWithUndo(patch, undo);
    },
    [commitWithUndo],
  );

  return { ...saves, values, loadError, commit, reload: () => void load() };
}
