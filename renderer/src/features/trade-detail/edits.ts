import type { TradeAnnotationsPatch } from '../../../../shared/contract';
import type { Trade, TradeAnnotations } from '../../../../shared/domain/types';

/** Everything the trader edits on a trade: the annotations plus its tags. */
export type Annotations = TradeAnnotations & { tagIds: string[] };
export type Patch = TradeAnnotationsPatch;
type Key = keyof Annotations;

const keys: readonly Key[] = [
  'stopPrice',
  'targetPrice',
  'riskAmount',
  'playbookId',
  'rating',
  'notes',
  'emotions',
  'mistakes',
  'tagIds',
];

export function annotationsOf(trade: Trade): Annotations {
  const { stopPrice, targetPrice, riskAmount, playbookId, rating, notes, emotions, mistakes, tagIds } = trade;
  return { stopPrice, targetPrice, riskAmount, playbookId, rating, notes, emotions, mistakes, tagIds };
}

function keysOf(patch: Patch): Key[] {
  return keys.filter((k) => patch[k] !== undefined);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The annotations with the patch's fields replaced. */
export function applyPatch(values: Annotations, patch: Patch): Annotations {
  const next: Record<string, unknown> = { ...values };
  for (const key of keysOf(patch)) next[key] = patch[key];
  return next as Annotations;
}

/** The patch that puts back what `patch` would overwrite in `values`. */
export function inverseOf(values: Annotations, patch: Patch): Patch {
  const undo: Record<string, unknown> = {};
  for (const key of keysOf(patch)) undo[key] = values[key];
  return undo;
}

/** True when applying the patch would change nothing (no save, no undo step). */
export function changesNothing(values: Annotations, patch: Patch): boolean {
  return keysOf(patch).every((key) => same(values[key], patch[key]));
}

/** The patch that turns `from` into `to` (only the fields that differ); empty when they match. */
export function patchBetween(from: Annotations, to: Annotations): Patch {
  const patch: Record<string, unknown> = {};
  for (const key of keys) if (!same(from[key], to[key])) patch[key] = to[key];
  return patch;
}

/** One saved edit: the patch that made it and the patch that takes it back. */
export type Edit = { redo: Patch; undo: Patch };
export type UndoStack = { done: readonly Edit[]; undone: readonly Edit[] };

export const emptyStack: UndoStack = { done: [], undone: [] };
const MAX_STEPS = 200;

/** A new edit: it can be undone, and it forgets whatever had been undone before it. */
export function record(stack: UndoStack, edit: Edit): UndoStack {
  return { done: [...stack.done, edit].slice(-MAX_STEPS), undone: [] };
}

/** The edit to take back (apply its `undo`), and the stack after; null when nothing is left. */
export function takeUndo(stack: UndoStack): { edit: Edit; stack: UndoStack } | null {
  const edit = stack.done[stack.done.length - 1];
  if (!edit) return null;
  return { edit, stack: { done: stack.done.slice(0, -1), undone: [...stack.undone, edit] } };
}

/** The last undone edit to make again (apply its `redo`), and the stack after. */
export function takeRedo(stack: UndoStack): { edit: Edit; stack: UndoStack } | null {
  const edit = stack.undone[stack.undone.length - 1];
  if (!edit) return null;
  return { edit, stack: { done: [...stack.done, edit], undone: stack.undone.slice(0, -1) } };
}
