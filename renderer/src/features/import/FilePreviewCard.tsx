import type { FilePreview, FormatInfo } from '../../../../shared/contract';
import { countText } from '../../format/status';
import { confidenceText } from './choices';
import { IssueList } from './IssueList';

/** The select value that opens the column mapping editor instead of naming a format. */
export const MAP_COLUMNS = '__map';

export type FormatPick = { value: string; formats: FormatInfo[]; onPick: (value: string) => void; fileCount: number };

/** The format select: the detected format, any format by name, or the trader's own column mapping. */
export function FormatSelect({
  pick,
  detected,
  disabled,
}: {
  pick: FormatPick;
  detected: string | null;
  disabled: boolean;
}) {
  return (
    <label className="field field--inline">
      <span className="field__label">Read as</span>
      <select
        value={pick.value}
        disabled={disabled}
        data-testid="import-format"
        onChange={(e) => pick.onPick(e.target.value)}
      >
        <option value="">{detected === null ? 'Choose a format…' : `Detected: ${detected}`}</option>
        {pick.formats.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
        <option value={MAP_COLUMNS}>Map columns myself…</option>
      </select>
      {pick.fileCount > 1 && <span className="field__hint">Applies to all {pick.fileCount} files.</span>}
    </label>
  );
}

/** One file of the preview: its format, what it brings, and what went wrong where. */
export function FilePreviewCard({ file, pick, disabled }: { file: FilePreview; pick: FormatPick; disabled: boolean }) {
  const unsure = file.format !== null && file.format.confidence < 0.8;
  return (
    <article className="card file-preview" data-testid="file-preview">
      <header className="file-preview__header">
        <div>
          <h3 className="file-preview__name">{file.fileName}</h3>
          <p className="file-preview__format" data-testid="file-format">
            {file.format === null ? (
              'Format not recognised'
            ) : (
              <>
                {file.format.label}{' '}
                <span className={`badge${unsure ? ' badge--warn' : ''}`}>{confidenceText(file.format.confidence)}</span>
              </>
            )}
          </p>
        </div>
        <FormatSelect pick={pick} detected={file.format?.label ?? null} disabled={disabled} />
      </header>
      <dl className="counts" data-testid="file-counts">
        <Count label="New" value={file.new} tone={file.new > 0 ? 'gain' : undefined} />
        <Count label="Already in the journal" value={file.duplicate} />
        <Count label="Ignored" value={file.ignored} title="Cancelled or rejected orders, balance lines" />
        <Count label="Errors" value={file.errorCount} tone={file.errorCount > 0 ? 'loss' : undefined} />
      </dl>
      {file.errorCount > 0 && (
        <section className="file-preview__section" aria-label={`Errors in ${file.fileName}`}>
          <h4>{countText(file.errorCount, 'row')} could not be read</h4>
          <IssueList issues={file.errors} total={file.errorCount} kind="error" />
        </section>
      )}
      {file.warningCount > 0 && (
        <details className="file-preview__section file-preview__warnings">
          <summary>{countText(file.warningCount, 'warning')}</summary>
          <IssueList issues={file.warnings} total={file.warningCount} kind="warning" />
        </details>
      )}
    </article>
  );
}

function Count(props: { label: string; value: number; tone?: 'gain' | 'loss' | undefined; title?: string }) {
  const { label, value, tone, title } = props;
  return (
    <div className={`counts__item${tone ? ` counts__item--${tone}` : ''}`} title={title}>
      <dt>{label}</dt>
      <dd>{new Intl.NumberFormat().format(value)}</dd>
    </div>
  );
}
