import { useEffect, useRef, useState, type DragEvent, type Ref } from 'react';

type Props = {
  /** A one-line zone once files are chosen, so the preview gets the room. */
  compact: boolean;
  /** Only the visible tab listens for pasted files. */
  active: boolean;
  busy: boolean;
  fileNames: string[];
  refused: string[];
  onFiles: (files: File[]) => void;
  pickRef: Ref<HTMLButtonElement>;
};

function hasFiles(event: DragEvent | globalThis.DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Where files come in: dropped, picked with the button, or pasted. */
export function DropZone({ compact, active, busy, fileNames, refused, onFiles, pickRef }: Props) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The listeners below stay put while the parent hands a new callback each render.
  const latestOnFiles = useRef(onFiles);
  useEffect(() => {
    latestOnFiles.current = onFiles;
  });

  useEffect(() => {
    if (!active) return undefined;
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      latestOnFiles.current(files);
    };
    // A file dropped beside the zone would otherwise replace the app with the file itself.
    const keepPage = (event: globalThis.DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragover', keepPage);
    window.addEventListener('drop', keepPage);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragover', keepPage);
      window.removeEventListener('drop', keepPage);
    };
  }, [active]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };

  return (
    <section
      className={`card drop-zone${compact ? ' drop-zone--compact' : ''}${over ? ' drop-zone--over' : ''}`}
      aria-label="Files to import"
      data-testid="drop-zone"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {!compact && (
        <svg className="drop-zone__art" viewBox="0 0 48 48" width="44" height="44" aria-hidden="true">
          <path
            d="M14 34h-2a8 8 0 0 1-1-15.9A11 11 0 0 1 32.5 15 9 9 0 0 1 36 33h-2M24 22v16M18 28l6-6 6 6"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      )}
      <div className="drop-zone__text">
        {compact ? (
          <p className="drop-zone__files" data-testid="import-file-names">
            {fileNames.length > 0 ? fileNames.join(', ') : 'Reading the files…'}
          </p>
        ) : (
          <>
            <h2>Drop your broker’s export files here</h2>
            <p>
              NinjaTrader, Tradovate, TopstepX, TradeZero, thinkorswim, Interactive Brokers, MetaTrader 4, or any CSV
              with a header row. Several files at once are fine; you can also paste them. Nothing is written until you
              confirm.
            </p>
          </>
        )}
      </div>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        tabIndex={-1}
        data-testid="import-file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared, so choosing the same file again (a re-import) still fires a change.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <button
        type="button"
        className={compact ? 'button' : 'button button--primary'}
        ref={pickRef}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {compact ? 'Choose other files…' : 'Choose files…'}
      </button>
      {refused.length > 0 && (
        <ul className="drop-zone__refused" role="alert" data-testid="import-refused">
          {refused.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
