import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/contract';
import { emptyStack, record, takeRedo, takeUndo, type UndoStack } from './undo-stack';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export type UndoableSaves<P> = {
  save: SaveState;
  canUndo: boolean;
  canRedo: boolean;
  /** Show `redo` at once, save it, and remember `undo` as the way back. */
  commit: (redo: P, undo: P) => void;
  undo: () => void;
  redo: () => void;
  /** After a failed save: send the patches that failed again, in order. */
  retry: () => void;
  /** Drop the undo steps (what they would put back is no longer what the journal holds). */
  forget: () => void;
  /** Whether a save is on its way or failed: a list loaded meanwhile may not include it. */
  unsettled: () => boolean;
};

type Options<P> = {
  /** Show a patch on screen (before it is saved). */
  apply: (patch: P) => void;
  /** Save a patch; patches are sent one at a time, in the order they were made. */
  send: (patch: P) => Promise<Result<unknown>>;
};

/**
 * Saving as the trader goes, with Ctrl+Z: every edit is a patch and its inverse, shown at
 * once, sent in order, and kept on an undo stack. A failed save keeps the screen as the trader
 * left it ("Try again" resends) and drops the undo steps, which no longer match the journal.
 */
export function useUndoableSaves<P>(options: Options<P>): UndoableSaves<P> {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [stack, setStack] = useState<UndoStack<P>>(emptyStack);
  const stackRef = useRef<UndoStack<P>>(emptyStack);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  const failed = useRef<P[]>([]);

  const setUndo = useCallback((next: UndoStack<P>) => {
    stackRef.current = next;
    setStack(next);
  }, []);

  const send = useCallback(
    (patch: P) => {
      inFlight.current++;
      setSave({ kind: 'saving' });
      queue.current = queue.current.then(async () => {
        const result = await latest.current
          .send(patch)
          .catch((error: unknown): Result<unknown> => ({ ok: false, error: asAppError(error) }));
        inFlight.current--;
        if (result.ok) {
          if (inFlight.current === 0 && failed.current.length === 0) setSave({ kind: 'saved' });
          return;
        }
        failed.current.push(patch);
        setSave({ kind: 'error', message: result.error.message });
        setUndo(emptyStack);
      });
    },
    [setUndo],
  );

  const commit = useCallback(
    (redo: P, undo: P) => {
      setUndo(record(stackRef.current, { redo, undo }));
      latest.current.apply(redo);
      send(redo);
    },
    [send, setUndo],
  );

  const undo = useCallback(() => {
    const step = takeUndo(stackRef.current);
    if (!step) return;
    setUndo(step.stack);
    latest.current.apply(step.edit.undo);
    send(step.edit.undo);
  }, [send, setUndo]);

  const redo = useCallback(() => {
    const step = takeRedo(stackRef.current);
    if (!step) return;
    setUndo(step.stack);
    latest.current.apply(step.edit.redo);
    send(step.edit.redo);
  }, [send, setUndo]);

  const retry = useCallback(() => {
    for (const patch of failed.current.splice(0)) send(patch);
  }, [send]);

  return {
    save,
    canUndo: stack.done.length > 0,
    canRedo: stack.undone.length > 0,
    commit,
    undo,
    redo,
    retry,
    forget: useCallback(() => setUndo(emptyStack), [setUndo]),
    unsettled: useCallback(() => inFlight.current > 0 || failed.current.length > 0, []),
  };
}

function asAppError(error: unknown): AppError {
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : 'the change could not be sent.' };
}
