import { useCallback, useMemo, useRef, useState } from 'react';

/**
 * Selected trade ids plus the anchor a Shift+click extends from. Ids, not row numbers, so the
 * selection survives scrolling, more pages arriving and a refresh after a bulk change.
 */
export type Selection = { ids: ReadonlySet<string>; anchor: number | null };

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/** Flips one row and makes it the anchor. */
export function toggleRow(sel: Selection, rows: readonly string[], index: number): Selection {
  const id = rows[index];
  if (id === undefined) return sel;
  const ids = new Set(sel.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: index };
}

/** Shift+click: selects every row from the anchor to this one (both included); the anchor stays. */
export function selectRange(sel: Selection, rows: readonly string[], index: number): Selection {
  if (sel.anchor === null || rows[sel.anchor] === undefined) return toggleRow(sel, rows, index);
  const ids = new Set(sel.ids);
  const [from, to] = sel.anchor <= index ? [sel.anchor, index] : [index, sel.anchor];
  for (let i = from; i <= Math.min(to, rows.length - 1); i++) ids.add(rows[i]!);
  return { ids, anchor: sel.anchor };
}

export function selectAll(rows: readonly string[]): Selection {
  return { ids: new Set(rows), anchor: null };
}

/** 'all' when every loaded row is selected, 'some', or 'none' (the header checkbox's three looks). */
export function coverage(sel: Selection, rows: readonly string[]): 'all' | 'some' | 'none' {
  if (sel.ids.size === 0 || rows.length === 0) return 'none';
  return rows.every((id) => sel.ids.has(id)) ? 'all' : 'some';
}

export type RowSelection = {
  selected: ReadonlySet<string>;
  /** A click (Shift extends from the anchor) or Space on row `index`. */
  pick: (index: number, extend: boolean) => void;
  all: () => void;
  clear: () => void;
  /** The header checkbox: selects the loaded rows, or clears them when all are selected. */
  toggleAll: () => void;
  coverage: 'all' | 'some' | 'none';
};

/** Selection over the loaded rows; its callbacks are stable so memoised rows do not re-render. */
export function useRowSelection(rows: readonly string[]): RowSelection {
  const [sel, setSel] = useState<Selection>(emptySelection);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const pick = useCallback((index: number, extend: boolean) => {
    setSel((s) => (extend ? selectRange(s, rowsRef.current, index) : toggleRow(s, rowsRef.current, index)));
  }, []);
  const all = useCallback(() => setSel(selectAll(rowsRef.current)), []);
  const clear = useCallback(() => setSel(emptySelection), []);
  const toggleAll = useCallback(() => {
    setSel((s) => (coverage(s, rowsRef.current) === 'all' ? emptySelection : selectAll(rowsRef.current)));
  }, []);
  const cover = useMemo(() => coverage(sel, rows), [sel, rows]);
  return { selected: sel.ids, pick, all, clear, toggleAll, coverage: cover };
}
