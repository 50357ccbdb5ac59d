import type { Row } from './report-tables';
import { numericOf } from './report-tables';

const ROW = 22;
const LABEL = 170;
const WIDTH = 720;

type Props = { rows: readonly Row[]; valueKey: string; title: string; text: (row: Row) => string };

/** One horizontal bar per row, gains right of the zero line and losses left (plain SVG). */
export function BarChart({ rows, valueKey, title, text }: Props) {
  const values = rows.map((r) => numericOf(r.cells[valueKey] ?? null) ?? 0);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const span = high - low || 1;
  const plot = WIDTH - LABEL - 110;
  const x = (v: number) => LABEL + ((v - low) / span) * plot;
  const zero = x(0);
  const height = rows.length * ROW + 8;
  return (
    <svg
      className="bar-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      data-testid="bar-chart"
      preserveAspectRatio="xMinYMin meet"
    >
      <line x1={zero} x2={zero} y1={0} y2={height} className="bar-chart__zero" />
      {rows.map((row, i) => {
        const v = values[i] ?? 0;
        const y = 4 + i * ROW;
        const left = Math.min(zero, x(v));
        return (
          <g key={row.id}>
            <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="bar-chart__label">
              {String(row.cells['label'] ?? '')}
            </text>
            <rect
              x={left}
              y={y + 3}
              width={Math.max(v === 0 ? 0 : 1, Math.abs(x(v) - zero))}
              height={ROW - 6}
              className={`bar-chart__bar bar-chart__bar--${v < 0 ? 'loss' : v > 0 ? 'gain' : 'flat'}`}
            />
            <text x={Math.max(zero, x(v)) + 6} y={y + ROW / 2 + 4} className="bar-chart__value">
              {text(row)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
