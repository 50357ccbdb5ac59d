import { useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../../../shared/domain/types';
import { bytesToBase64 } from '../import/base64';
import { call } from '../../client/call';
import { useRemote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';
import { ScreenshotOverlay } from './ScreenshotOverlay';
import { pastedName, SCREENSHOT_TYPES, screenshotProblem } from './screenshot-files';
import { useAttachmentUrl } from './use-attachment-url';

/** The trade's screenshots: attach by picker, drop or paste; thumbnails open full size; delete. */
export function Screenshots({ tradeId }: { tradeId: string }) {
  const list = useRemote('attachments.list', { tradeId }, ['attachments']);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState<{ attachment: Attachment; url: string } | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const attach = async (files: File[]) => {
    const found: string[] = [];
    for (const file of files) {
      const problem = screenshotProblem(file);
      if (problem !== null) {
        found.push(problem);
        continue;
      }
      setBusy((n) => n + 1);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const fileName = file.name === '' || file.name === 'image.png' ? pastedName(file.type, new Date()) : file.name;
      await call('attachments.add', { fileName, mime: file.type, dataBase64: bytesToBase64(bytes), tradeId });
      setBusy((n) => n - 1);
    }
    setProblems(found);
  };
  const attachRef = useRef(attach);
  attachRef.current = attach;

  // A pasted image anywhere on the page (even in the notes box) becomes a screenshot of this trade.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      if (files.length === 0) return;
      event.preventDefault();
      void attachRef.current(files);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  const items = list.value ?? [];
  return (
    <section
      className={`card screenshots${dragging ? ' screenshots--dragging' : ''}`}
      aria-labelledby="screenshots-title"
      data-testid="screenshots"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void attach([...e.dataTransfer.files]);
      }}
    >
      <header className="card__header">
        <h2 id="screenshots-title">Screenshots</h2>
        <button type="button" className="button" onClick={() => picker.current?.click()}>
          Add screenshot…
        </button>
        <input
          ref={picker}
          type="file"
          accept={SCREENSHOT_TYPES.join(',')}
          multiple
          hidden
          data-testid="screenshot-picker"
          onChange={(e) => {
            void attach([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </header>
      <div className="card__body">
        {problems.map((p) => (
          <p key={p} className="field__error" role="alert">
            {p}
          </p>
        ))}
        {list.value === undefined && list.loading ? (
          <Loading label="Loading screenshots…" />
        ) : list.error && list.value === undefined ? (
          <p className="cell-muted">The screenshots could not be loaded: {list.error.message}</p>
        ) : items.length === 0 && busy === 0 ? (
          <p className="screenshots__empty">Drop or paste (Ctrl+V) a chart image here, or use Add screenshot….</p>
        ) : (
          <ul className="screenshots__grid">
            {items.map((a) => (
              <Thumbnail key={a.id} attachment={a} onOpen={(url) => setOpen({ attachment: a, url })} />
            ))}
            {busy > 0 && (
              <li className="screenshots__pending">
                <Loading label="Attaching…" />
              </li>
            )}
          </ul>
        )}
      </div>
      {open && <ScreenshotOverlay attachment={open.attachment} url={open.url} onClose={() => setOpen(null)} />}
    </section>
  );
}

function Thumbnail({ attachment, onOpen }: { attachment: Attachment; onOpen: (url: string) => void }) {
  const source = useAttachmentUrl(attachment.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="thumbnail" data-testid="screenshot">
      {source === null ? (
        <span className="thumbnail__image thumbnail__image--loading" aria-label="Loading image" />
      ) : 'error' in source ? (
        <span className="thumbnail__image thumbnail__image--missing">{source.error}</span>
      ) : (
        <button
          type="button"
          className="thumbnail__open"
          onClick={() => onOpen(source.url)}
          aria-label={`Open ${attachment.fileName} full size`}
        >
          <img className="thumbnail__image" src={source.url} alt={attachment.fileName} />
        </button>
      )}
      <div className="thumbnail__footer">
        <span className="thumbnail__name" title={attachment.fileName}>
          {attachment.fileName}
        </span>
        {confirming ? (
          <span className="thumbnail__confirm">
            <button type="button" className="link link--danger" onClick={() => void remove(attachment.id)}>
              Delete
            </button>
            <button type="button" className="link" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="link"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${attachment.fileName}`}
          >
            Delete…
          </button>
        )}
      </div>
    </li>
  );
}

async function remove(id: string): Promise<void> {
  await call('attachments.delete', { id });
}
