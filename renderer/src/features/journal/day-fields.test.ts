import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/domain/types';
import { applyDayPatch, dayUndoOf, fieldsOf, hasWriting } from './day-fields';

const blank = fieldsOf(null);

describe('journal day fields', () => {
  it('starts a day without an entry blank, and reads an entry as written', () => {
    expect(blank).toEqual({ body: '', mood: null, preMarket: '', postMarket: '' });
    const entry = { body: 'b', mood: 4, preMarket: 'p', postMarket: 'q' } as JournalEntry;
    expect(fieldsOf(entry)).toEqual({ body: 'b', mood: 4, preMarket: 'p', postMarket: 'q' });
  });

  it('applies a patch and gives the patch that takes it back', () => {
    const values = { ...blank, body: 'old', mood: 2 };
    const patch = { body: 'new', mood: null };
    expect(applyDayPatch(values, patch)).toEqual({ ...blank, body: 'new', mood: null });
    const undo = dayUndoOf(values, patch);
    expect(undo).toEqual({ body: 'old', mood: 2 });
    expect(applyDayPatch(applyDayPatch(values, patch), undo!)).toEqual(values);
  });

  it('has no undo step for a patch that changes nothing, and keeps only what changes', () => {
    expect(dayUndoOf({ ...blank, mood: 3 }, { mood: 3 })).toBeNull();
    expect(dayUndoOf({ ...blank, mood: 3 }, { mood: 3, preMarket: 'plan' })).toEqual({ preMarket: '' });
  });

  it('counts a mood or any non-blank text as writing', () => {
    expect(hasWriting(blank)).toBe(false);
    expect(hasWriting({ ...blank, postMarket: '  ' })).toBe(false);
    expect(hasWriting({ ...blank, mood: 1 })).toBe(true);
    expect(hasWriting({ ...blank, preMarket: 'Watch CPI' })).toBe(true);
  });
});
