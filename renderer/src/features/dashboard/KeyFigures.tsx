import type { StatsResult } from '../../../../shared/contract';
import { keyFigures } from './figures';

/** The headline figures of the selected trades. */
export function KeyFigures({ stats }: { stats: StatsResult }) {
  return (
    <dl className="figures figures--stats" data-testid="key-figures">
      {keyFigures(stats).map((f) => (
        <div className="card figure" key={f.key} data-testid={`figure-${f.key}`} data-value={f.raw ?? 'n/a'}>
          <dt className="figure__label">{f.label}</dt>
          <dd className={`figure__value figure__value--${f.tone}`}>{f.text}</dd>
          {f.hint !== undefined && <dd className="figure__hint">{f.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
