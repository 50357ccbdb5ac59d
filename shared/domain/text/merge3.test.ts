import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merge3 } from './merge3';

const lines = fc.array(
  fc.constantFrom<string>('entry at VWAP', 'stop under low', 'took half', 'moved stop', 'late', ''),
  {
    maxLength: 8,
  },
);
const text = lines.map((l) => l.join('\n'));

describe('merge3', () => {
  it('takes the side that changed when only one did, and either when both made the same change', () => {
    fc.assert(
      fc.property(text, text, (base, changed) => {
        expect(merge3(base, base, changed)).toEqual({ clean: true, text: changed });
        expect(merge3(base, changed, base)).toEqual({ clean: true, text: changed });
        expect(merge3(base, changed, changed)).toEqual({ clean: true, text: changed });
      }),
    );
  });

  it('applies edits to different lines from both sides', () => {
    const base = 'Plan: wait for the open\nEntry: 101.5\nExit: 104\nLesson: none';
    const ours = 'Plan: wait for the open range\nEntry: 101.5\nExit: 104\nLesson: none';
    const theirs = 'Plan: wait for the open\nEntry: 101.5\nExit: 104\nLesson: do not chase';
    expect(merge3(base, ours, theirs)).toEqual({
      clean: true,
      text: 'Plan: wait for the open range\nEntry: 101.5\nExit: 104\nLesson: do not chase',
    });
  });

  it('merges an append on one side with an edit at the top on the other', () => {
    expect(merge3('a\nb', 'A\nb', 'a\nb\nc')).toEqual({ clean: true, text: 'A\nb\nc' });
  });

  it('refuses when both sides changed the same line differently, or inserted at the same place', () => {
    expect(merge3('a\nb\nc', 'a\nB1\nc', 'a\nB2\nc')).toEqual({ clean: false });
    expect(merge3('a\nc', 'a\nx\nc', 'a\ny\nc')).toEqual({ clean: false });
    expect(merge3('', 'mine', 'theirs')).toEqual({ clean: false });
  });

  it('never loses a line either side added when it says the merge is clean', () => {
    fc.assert(
      fc.property(lines, fc.nat(8), fc.nat(8), (base, p, q) => {
        const ours = [...base];
        ours.splice(Math.min(p, ours.length), 0, 'OURS');
        const theirs = [...base];
        theirs.splice(Math.min(q, theirs.length), 0, 'THEIRS');
        const result = merge3(base.join('\n'), ours.join('\n'), theirs.join('\n'));
        if (result.clean) {
          expect(result.text.split('\n')).toContain('OURS');
          expect(result.text.split('\n')).toContain('THEIRS');
          expect(result.text.split('\n')).toHaveLength(base.length + 2);
        }
      }),
    );
  });
});
