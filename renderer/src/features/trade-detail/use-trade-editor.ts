import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { TradeDetail } from '../../../../shared/domain/types';
import { callQuietly } from '../../client/quiet-call';
import { client } from '../../client/client';
import { useDraftText } from '../../state/use-draft-text';
import { useUndoableSaves, type SaveState } from '../../state/use-undoable-saves';
import { annotationsOf, applyPatch, changesNothing, inverseOf, type Annotations, type Patch } from './edits';

export type { SaveState } from '../../state/use-undoable-saves';

export type TradeEditor = {
  detail: TradeDetail | null;
  loadError: AppError | null;
  values: Annotations | null;
  save: SaveState;
  canUndo: boolean;
  canRedo: boolean;
  /** Save a change now (pickers, chips, a confirmed number). */
  commit: (patch: Patch) => void;
  /** Show typed notes at once and save them after a pause. */
  typeNotes: (text: string) => void;
  /** Save typed notes now (the box lost focus). */
  flush: () => void;
  undo: () => void;
  redo: () => void;
  reload: () => void;
  /** After a failed save: send what failed again. */
  retry: () => void;
};

/**
 * One trade and its annotations, saved as the trader goes through the shared save queue
 * (state/use-undoable-saves, as the journal day and playbooks use): every change is shown at
 * once, sent through `trades.update` in order, and kept with its inverse so Ctrl+Z can send
 * it back. Notes are a draft text (state/use-draft-text): one burst of typing, one save.
 */
export function useTradeEditor(id: string): TradeEditor {
  const [detail, setDetail] = useState<TradeDetail | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [values, setValues] = useState<Annotations | null>(null);
  const current = useRef<Annotations | null>(null);
  // Counts edits, so a load that started before one does not overwrite it.
  const edits = useRef(0);

  const show = (next: Annotations) => {
    current.current = next;
    setValues(next);
  };

  const saves = useUndoableSaves<Patch>({
    apply: (patch) => {
      if (current.current === null) return;
      edits.current++;
      show(applyPatch(current.current, patch));
    },
    send: async (patch) => {
      const result = await callQuietly('trades.update', { id, patch });
      if (result.ok) setDetail((d) => (d === null ? d : { ...d, ...result.value }));
      return result;
    },
  });
  const { unsettled, commit: commitWithUndo } = saves;

  const load = useCallback(async () => {
    const startedAt = edits.current;
    const result = await callQuietly('trades.get', { id });
    if (!result.ok) {
      setLoadError(result.error);
      return;
    }
    setLoadError(null);
    setDetail(result.value);
    // An edit made (or still being saved) while this was loading wins over what the journal said before it.
    if (edits.current === startedAt && !unsettled()) show(annotationsOf(result.value));
  }, [id, unsettled]);

  const change = useCallback(
    (patch: Patch) => {
      const now = current.current;
      if (now === null || changesNothing(now, patch)) return;
      commitWithUndo(patch, inverseOf(now, patch));
    },
    [commitWithUndo],
  );

  const notes = useDraftText(values?.notes ?? '', (text) => change({ notes: text }));
  const { flush } = notes;

  const commit = useCallback(
    (patch: Patch) => {
      flush();
      change(patch);
    },
    [flush, change],
  );

  const { undo: undoSaved, redo: redoSaved } = saves;
  const undo = useCallback(() => {
    flush();
    undoSaved();
  }, [flush, undoSaved]);
  const redo = useCallback(() => {
    flush();
    redoSaved();
  }, [flush, redoSaved]);

  const shown = useMemo(() => (values === null ? null : { ...values, notes: notes.text }), [values, notes.text]);

  useEffect(() => {
    void load();
    return client.on('journal.changed', ({ entities }) => {
      if (entities.some((e) => e === 'trades' || e === 'trade_tags' || e === 'executions')) void load();
    });
  }, [load]);

  return {
    detail,
    loadError,
    values: shown,
    save: saves.save,
    canUndo: saves.canUndo,
    canRedo: saves.canRedo,
    commit,
    typeNotes: notes.type,
    flush,
    undo,
    redo,
    reload: () => void load(),
    retry: saves.retry,
  };
}
