import { describe, expect, it } from 'vitest';
import { coverage, emptySelection, selectAll, selectRange, toggleRow } from './selection';

const rows = ['a', 'b', 'c', 'd', 'e', 'f'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('trade row selection', () => {
  it('toggles one row on and off and makes it the anchor', () => {
    const on = toggleRow(emptySelection, rows, 2);
    expect(ids(on)).toEqual(['c']);
    expect(on.anchor).toBe(2);
    expect(ids(toggleRow(on, rows, 2))).toEqual([]);
  });

  it('extends from the anchor in either direction with Shift, keeping what was selected', () => {
    const start = toggleRow(toggleRow(emptySelection, rows, 0), rows, 3);
    expect(ids(selectRange(start, rows, 5))).toEqual(['a', 'd', 'e', 'f']);
    expect(ids(selectRange(start, rows, 1))).toEqual(['a', 'b', 'c', 'd']);
    expect(selectRange(start, rows, 5).anchor).toBe(3);
  });

  it('treats Shift with no anchor as a plain toggle', () => {
    expect(ids(selectRange(emptySelection, rows, 4))).toEqual(['e']);
  });

  it('selects all loaded rows and reports how much is selected', () => {
    expect(coverage(emptySelection, rows)).toBe('none');
    expect(coverage(toggleRow(emptySelection, rows, 1), rows)).toBe('some');
    expect(coverage(selectAll(rows), rows)).toBe('all');
    // Rows loaded later are not selected by an earlier "select all".
    expect(coverage(selectAll(rows), [...rows, 'g'])).toBe('some');
  });

  it('ignores a row index past the loaded rows', () => {
    expect(toggleRow(emptySelection, rows, 9)).toBe(emptySelection);
  });
});
