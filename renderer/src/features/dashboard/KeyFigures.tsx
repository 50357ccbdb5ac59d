import type { StatsResult } from '../../../../shared/contract';
import { keyFigures } from './figures';

/** The headline figures of the selected trades (all of them, or the `only` keys in their usual order). */
export function KeyFigures({ stats, only }: { stats: StatsResult; only?: readonly string[] }) {
  const figures = keyFigures(stats).filter((f) => only === undefined || only.includes(f.key));
  return (
    <dl className="figures figures--stats" data-testid="key-figures">
      {figures.map((f) => (
        <div className="card figure" key={f.key} data-testid={`figure-${f.key}`} data-value={f.raw ?? 'n/a'}>
          <dt className="figure__label">{f.label}</dt>
          <dd className={`figure__value figure__value--${f.tone}`}>{f.text}</dd>
          {f.hint !== undefined && <dd className="figure__hint">{f.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
