import { useEffect, useRef, type RefObject } from 'react';

function isTextEntry(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/**
 * Escape runs `action` while `enabled`. Inside `scope` it always does (the confirm field
 * is part of the step Escape leaves); in a text field elsewhere on the page Escape
 * belongs to that field.
 */
export function useEscape(enabled: boolean, action: () => void, scope: RefObject<HTMLElement | null>): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const inside = event.target instanceof Node && (scope.current?.contains(event.target) ?? false);
      if (!inside && isTextEntry(event.target)) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, scope]);
}
