import { useCallback, useEffect, useRef, useState } from 'react';

/** Typing is saved this long after the last key (and at once when the box loses focus). */
export const TYPING_PAUSE_MS = 600;

export type DraftText = {
  /** What the box shows: the typing in progress, else the saved value. */
  text: string;
  /** A key was typed: show it now, commit it after a pause. */
  type: (text: string) => void;
  /** Commit the typing now (the box lost focus, the page is leaving). */
  flush: () => void;
};

/**
 * A text box saved as the trader goes: one burst of typing becomes one commit (and one undo
 * step), sent after a pause or on leaving the box, so a save is not a request per key.
 */
export function useDraftText(value: string, onCommit: (text: string) => void, pauseMs = TYPING_PAUSE_MS): DraftText {
  const [draft, setDraft] = useState<string | null>(null);
  const draftRef = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ value, onCommit });
  useEffect(() => {
    latest.current = { value, onCommit };
  });

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const typed = draftRef.current;
    draftRef.current = null;
    setDraft(null);
    if (typed !== null && typed !== latest.current.value) latest.current.onCommit(typed);
  }, []);

  const type = useCallback(
    (text: string) => {
      draftRef.current = text;
      setDraft(text);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, pauseMs);
    },
    [flush, pauseMs],
  );

  useEffect(() => {
    // Leaving or reloading the page saves typing still waiting for its pause (best effort).
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { text: draft ?? value, type, flush };
}
