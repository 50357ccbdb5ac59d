/** A labelled bar; without a percentage it runs as an indeterminate stripe. */
export function ProgressBar({ label, percent }: { label: string; percent: number | null }) {
  return (
    <div className="progress" data-testid="import-progress">
      <div className="progress__label" role="status" aria-live="polite">
        {label}
      </div>
      <div
        className={`progress__track${percent === null ? ' progress__track--busy' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="progress__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
