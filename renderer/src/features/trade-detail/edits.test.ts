import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  changesNothing,
  emptyStack,
  inverseOf,
  patchBetween,
  record,
  takeRedo,
  takeUndo,
  type Annotations,
} from './edits';

const base: Annotations = {
  stopPrice: '101.5',
  targetPrice: null,
  riskAmount: null,
  playbookId: null,
  rating: 3,
  notes: 'first',
  emotions: ['calm'],
  mistakes: [],
  rulesKept: [],
  tagIds: ['t1'],
};

describe('trade edits', () => {
  it('applies a patch and its inverse puts every touched field back', () => {
    const patch = { stopPrice: '99', notes: 'second', tagIds: ['t1', 't2'], rating: null };
    const undo = inverseOf(base, patch);
    expect(undo).toEqual({ stopPrice: '101.5', notes: 'first', tagIds: ['t1'], rating: 3 });
    const edited = applyPatch(base, patch);
    expect(edited.stopPrice).toBe('99');
    expect(edited.rating).toBeNull();
    expect(edited.emotions).toEqual(['calm']);
    expect(applyPatch(edited, undo)).toEqual(base);
  });

  it('finds the patch between what the journal has and what is on screen', () => {
    const shown = applyPatch(base, { notes: 'typed', tagIds: [], stopPrice: '101.5' });
    expect(patchBetween(base, shown)).toEqual({ notes: 'typed', tagIds: [] });
    expect(applyPatch(base, patchBetween(base, shown))).toEqual(shown);
    expect(patchBetween(base, base)).toEqual({});
  });

  it('knows when a patch would change nothing', () => {
    expect(changesNothing(base, { stopPrice: '101.5', emotions: ['calm'] })).toBe(true);
    expect(changesNothing(base, { emotions: ['calm', 'fomo'] })).toBe(false);
    expect(changesNothing(base, { targetPrice: '120' })).toBe(false);
  });

  it('undoes newest first, redoes what was undone, and a new edit clears the redo side', () => {
    const a = { redo: { notes: 'a' }, undo: { notes: '' } };
    const b = { redo: { rating: 5 }, undo: { rating: null } };
    let stack = record(record(emptyStack, a), b);
    const first = takeUndo(stack)!;
    expect(first.edit).toBe(b);
    stack = first.stack;
    const again = takeRedo(stack)!;
    expect(again.edit).toBe(b);
    stack = takeUndo(again.stack)!.stack;
    stack = record(stack, { redo: { notes: 'c' }, undo: { notes: 'a' } });
    expect(takeRedo(stack)).toBeNull();
    expect(takeUndo(takeUndo(stack)!.stack)!.edit).toBe(a);
    expect(takeUndo(emptyStack)).toBeNull();
  });
});
