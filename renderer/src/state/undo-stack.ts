/** One saved edit: the patch that made it and the patch that takes it back. */
export type Edit<P> = { redo: P; undo: P };
export type UndoStack<P> = { done: readonly Edit<P>[]; undone: readonly Edit<P>[] };

/** Nothing to undo or redo (assignable to any stack: its arrays are empty and read-only). */
export const emptyStack: UndoStack<never> = { done: [], undone: [] };
const MAX_STEPS = 200;

/** A new edit: it can be undone, and it forgets whatever had been undone before it. */
export function record<P>(stack: UndoStack<P>, edit: Edit<P>): UndoStack<P> {
  return { done: [...stack.done, edit].slice(-MAX_STEPS), undone: [] };
}

/** The edit to take back (apply its `undo`), and the stack after; null when nothing is left. */
export function takeUndo<P>(stack: UndoStack<P>): { edit: Edit<P>; stack: UndoStack<P> } | null {
  const edit = stack.done[stack.done.length - 1];
  if (!edit) return null;
  return { edit, stack: { done: stack.done.slice(0, -1), undone: [...stack.undone, edit] } };
}

/** The last undone edit to make again (apply its `redo`), and the stack after. */
export function takeRedo<P>(stack: UndoStack<P>): { edit: Edit<P>; stack: UndoStack<P> } | null {
  const edit = stack.undone[stack.undone.length - 1];
  if (!edit) return null;
  return { edit, stack: { done: [...stack.done, edit], undone: stack.undone.slice(0, -1) } };
}
