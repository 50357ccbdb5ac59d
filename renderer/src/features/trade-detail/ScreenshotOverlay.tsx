import { useEffect, useRef } from 'react';
import type { Attachment } from '../../../../shared/domain/types';

type Props = { attachment: Attachment; url: string; onClose: () => void };

/** A screenshot at full size over the page; Esc, the close button or a click outside closes it. */
export function ScreenshotOverlay({ attachment, url, onClose }: Props) {
  const close = useRef<HTMLButtonElement>(null);
  const latest = useRef(onClose);
  useEffect(() => {
    latest.current = onClose;
  });
  useEffect(() => {
    const before = document.activeElement;
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="overlay__panel overlay__panel--image"
        role="dialog"
        aria-modal="true"
        aria-label={attachment.fileName}
        data-testid="screenshot-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="overlay__header">
          <span className="overlay__title">{attachment.fileName}</span>
          <button ref={close} type="button" className="button" onClick={onClose}>
            Close (Esc)
          </button>
        </header>
        <img className="overlay__image" src={url} alt={attachment.fileName} />
      </div>
    </div>
  );
}
