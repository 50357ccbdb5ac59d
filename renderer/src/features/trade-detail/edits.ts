import type { TradeAnnotationsPatch } from '../../../../shared/contract';
import type { Trade, TradeAnnotations } from '../../../../shared/domain/types';
import {
  emptyStack as genericEmptyStack,
  record as recordEdit,
  takeRedo as takeRedoEdit,
  takeUndo as takeUndoEdit,
  type Edit as GenericEdit,
  type UndoStack as GenericUndoStack,
} from '../../state/undo-stack';

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
  'rulesKept',
  'tagIds',
];

export function annotationsOf(trade: Trade): Annotations {
  const { stopPrice, targetPrice, riskAmount, playbookId, rating, notes, emotions, mistakes, rulesKept, tagIds } =
    trade;
  return { stopPrice, targetPrice, riskAmount, playbookId, rating, notes, emotions, mistakes, rulesKept, tagIds };
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

export type Edit = GenericEdit<Patch>;
export type UndoStack = GenericUndoStack<Patch>;
export const emptyStack: UndoStack = genericEmptyStack;
export const record: (stack: UndoStack, edit: Edit) => UndoStack = recordEdit;
export const takeUndo: (stack: UndoStack) => { edit: Edit; stack: UndoStack } | null = takeUndoEdit;
export const takeRedo: (stack: UndoStack) => { edit: Edit; stack: UndoStack } | null = takeRedoEdit;
