import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { TradeDetail } from '../../../../shared/domain/types';
import { callQuietly } from '../../client/quiet-call';
import { client } from '../../client/client';
import type { SaveState } from '../../state/use-undoable-saves';
import {
  annotationsOf,
  applyPatch,
  changesNothing,
  emptyStack,
  inverseOf,
  patchBetween,
  record,
  takeRedo,
  takeUndo,
  type Annotations,
  type Patch,
  type UndoStack,
} from './edits';

/** Typing is saved this long after the last key (and at once when the box loses focus). */
export const TEXT_SAVE_DELAY_MS = 600;

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
  /** After a failed save: send what is on screen again. */
  retry: () => void;
};

/**
 * One trade and its annotations, saved as the trader goes: every change is shown at once,
 * sent through `trades.update` in order, and recorded as a patch and its inverse so
 * Ctrl+Z can send the inverse back.
 */
export function useTradeEditor(id: string): TradeEditor {
  const [detail, setDetail] = useState<TradeDetail | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [values, setValues] = useState<Annotations | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [stack, setStack] = useState<UndoStack>(emptyStack);
  const current = useRef<Annotations | null>(null);
  // What the journal last confirmed; a failed save is retried as the difference from it.
  const confirmed = useRef<Annotations | null>(null);
  const stackRef = useRef<UndoStack>(emptyStack);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  const edits = useRef(0);
  // Notes as they were before the current burst of typing, and the timer that ends it.
  const notesBefore = useRef<string | null>(null);
  const notesTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const show = (next: Annotations) => {
    current.current = next;
    setValues(next);
  };
  const setUndo = (next: typeof stack) => {
    stackRef.current = next;
    setStack(next);
  };

  const load = useCallback(async () => {
    const startedAt = edits.current;
    const result = await callQuietly('trades.get', { id });
    if (!result.ok) {
      setLoadError(result.error);
      return;
    }
    setLoadError(null);
    setDetail(result.value);
    if (inFlight.current === 0) confirmed.current = annotationsOf(result.value);
    // An edit made while this was loading wins over what the journal said before it.
    if (edits.current === startedAt && inFlight.current === 0 && notesBefore.current === null) {
      show(annotationsOf(result.value));
    }
  }, [id]);

  // "Saved" only when nothing on screen differs from the journal, notes still being typed aside.
  const settledState = (): SaveState => {
    const base = confirmed.current;
    const now = current.current;
    if (base === null || now === null) return { kind: 'saved' };
    const unsaved = Object.keys(patchBetween(base, now)).filter((k) => k !== 'notes' || notesBefore.current === null);
    return unsaved.length === 0 ? { kind: 'saved' } : { kind: 'error', message: 'some changes could not be saved.' };
  };

  const send = useCallback(
    (patch: Patch) => {
      inFlight.current++;
      setSave({ kind: 'saving' });
      queue.current = queue.current.then(async () => {
        const result = await callQuietly('trades.update', { id, patch });
        inFlight.current--;
        if (result.ok) {
          confirmed.current = annotationsOf(result.value);
          setDetail((d) => (d === null ? d : { ...d, ...result.value }));
          if (inFlight.current === 0) setSave(settledState());
          return;
        }
        // The screen keeps what the trader did (no typing is thrown away); "Try again" resends it.
        // The undo steps no longer match the journal, so they are dropped.
        setSave({ kind: 'error', message: result.error.message });
        setUndo(emptyStack);
      });
    },
    [id],
  );

  const retry = useCallback(() => {
    const base = confirmed.current;
    const now = current.current;
    if (base === null || now === null) return;
    const patch = patchBetween(base, now);
    if (Object.keys(patch).length === 0) return setSave({ kind: 'saved' });
    send(patch);
  }, [send]);

  const apply = useCallback(
    (patch: Patch) => {
      if (current.current === null) return;
      edits.current++;
      show(applyPatch(current.current, patch));
      send(patch);
    },
    [send],
  );

  const commitWithUndo = useCallback(
    (patch: Patch, undo: Patch) => {
      setUndo(record(stackRef.current, { redo: patch, undo }));
      apply(patch);
    },
    [apply],
  );

  const flush = useCallback(() => {
    if (notesTimer.current !== null) clearTimeout(notesTimer.current);
    notesTimer.current = null;
    const before = notesBefore.current;
    notesBefore.current = null;
    const now = current.current;
    if (before === null || now === null || before === now.notes) return;
    setUndo(record(stackRef.current, { redo: { notes: now.notes }, undo: { notes: before } }));
    send({ notes: now.notes });
  }, [send]);

  const commit = useCallback(
    (patch: Patch) => {
      flush();
      const now = current.current;
      if (now === null || changesNothing(now, patch)) return;
      commitWithUndo(patch, inverseOf(now, patch));
    },
    [flush, commitWithUndo],
  );

  const typeNotes = useCallback(
    (text: string) => {
      const now = current.current;
      if (now === null) return;
      notesBefore.current ??= now.notes;
      edits.current++;
      show({ ...now, notes: text });
      if (notesTimer.current !== null) clearTimeout(notesTimer.current);
      notesTimer.current = setTimeout(flush, TEXT_SAVE_DELAY_MS);
    },
    [flush],
  );

  const undo = useCallback(() => {
    flush();
    const step = takeUndo(stackRef.current);
    if (!step) return;
    setUndo(step.stack);
    apply(step.edit.undo);
  }, [flush, apply]);

  const redo = useCallback(() => {
    flush();
    const step = takeRedo(stackRef.current);
    if (!step) return;
    setUndo(step.stack);
    apply(step.edit.redo);
  }, [flush, apply]);

  useEffect(() => {
    void load();
    const off = client.on('journal.changed', ({ entities }) => {
      if (entities.some((e) => e === 'trades' || e === 'trade_tags' || e === 'executions')) void load();
    });
    // Leaving or reloading the page saves notes still waiting for the pause in typing (best effort).
    window.addEventListener('pagehide', flush);
    return () => {
      off();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [load, flush]);

  return {
    detail,
    loadError,
    values,
    save,
    canUndo: stack.done.length > 0,
    canRedo: stack.undone.length > 0,
    commit,
    typeNotes,
    flush,
    undo,
    redo,
    reload: () => void load(),
    retry,
  };
}
