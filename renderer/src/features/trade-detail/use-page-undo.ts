import { useEffect, useRef } from 'react';
import type { TradeEditor } from './use-trade-editor';

/** Whether Ctrl+Z is the page's: not while typing in a box that has its own unsaved text to undo. */
function pageOwnsUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (target.dataset['pageUndo'] !== undefined) return true;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return false;
  return !(target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}

/** Ctrl+Z undoes the last saved edit on the page; Ctrl+Shift+Z or Ctrl+Y makes it again. */
export function usePageUndo(editor: Pick<TradeEditor, 'undo' | 'redo'>): void {
  const latest = useRef(editor);
  useEffect(() => {
    latest.current = editor;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || !pageOwnsUndo(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) latest.current.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') latest.current.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
