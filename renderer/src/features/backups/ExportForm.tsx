import { useEffect, useRef, useState, type FormEvent } from 'react';
import { cleanPastedPath, folderPathProblem } from './paths';

type Props = {
  /** The remembered export folder, pre-filled. */
  initial: string;
  busy: boolean;
  onExport: (folder: string) => void;
  onClose: () => void;
};

/**
 * "Export to folder…": a path typed or pasted. The core runs apart from the page (and in a
 * browser the page cannot see this computer's folders), so there is no folder picker here.
 */
export function ExportForm({ initial, busy, onExport, onClose }: Props) {
  const [folder, setFolder] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = folderPathProblem(folder);
    setProblem(found);
    if (found === null) onExport(cleanPastedPath(folder));
    else input.current?.focus();
  };

  return (
    <form className="export-form" onSubmit={submit} data-testid="export-form" noValidate>
      <label className="field export-form__field">
        <span className="field__label">Folder on this computer</span>
        <input
          ref={input}
          value={folder}
          placeholder="/Volumes/USB/Journal backups"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby="export-folder-hint"
          onChange={(e) => {
            setFolder(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            onClose();
          }}
        />
        {problem !== null && (
          <span className="field__error" role="alert">
            {problem}
          </span>
        )}
        <span className="field__hint" id="export-folder-hint">
          The full path, for example an external drive. It is remembered: scheduled backups are copied there too while
          the drive is connected.
        </span>
      </label>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Export a backup here
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
