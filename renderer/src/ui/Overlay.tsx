import { useEffect, useRef, type ReactNode } from 'react';

type Props = {
  label: string;
  /** Shown in the header; the label is used when absent. */
  title?: ReactNode;
  className?: string;
  testId?: string;
  onClose: () => void;
  children: ReactNode;
};

const focusable =
  'a[href], button:not(:disabled), input:not(:disabled), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog over the page: focus moves to its Close button and stays inside (Tab
 * wraps), Esc or a click outside closes it, and focus returns to where it was.
 */
export function Overlay({ label, title, className, testId, onClose, children }: Props) {
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const latest = useRef(onClose);
  useEffect(() => {
    latest.current = onClose;
  });
  useEffect(() => {
    const before = document.activeElement;
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopImmediatePropagation();
        latest.current();
      } else if (event.key === 'Tab' && panel.current) {
        const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)];
        const first = items[0];
        const last = items[items.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  return (
    <div className="overlay" onClick={() => latest.current()}>
      <div
        ref={panel}
        className={`overlay__panel${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="overlay__header">
          <h2 className="overlay__title">{title ?? label}</h2>
          <button ref={close} type="button" className="button" onClick={() => latest.current()}>
            Close (Esc)
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
