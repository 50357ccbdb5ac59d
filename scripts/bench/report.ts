/** One line of `npm run bench`: a measured figure beside its DESIGN §8 budget. */
export type BenchRow = {
  work: string;
  measured: number;
  unit: 'ms' | 'rows/s' | 'jobs/s';
  budget: number;
  /** 'below' means the figure must stay under the budget; 'above' means at least the budget. */
  kind: 'below' | 'above';
  note?: string;
};

export function withinBudget(row: BenchRow): boolean {
  return row.kind === 'below' ? row.measured < row.budget : row.measured >= row.budget;
}

export function printReport(rows: BenchRow[]): void {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
  const lines = rows.map((r) => [
    r.work,
    `${fmt(r.measured)} ${r.unit}`,
    `${r.kind === 'below' ? '<' : '≥'} ${fmt(r.budget)} ${r.unit}`,
    withinBudget(r) ? 'ok' : 'OVER BUDGET',
    r.note ?? '',
  ]);
  const headers = ['work', 'measured', 'budget', 'verdict', 'note'];
  const widths = headers.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const out = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(out(headers));
  console.log(out(widths.map((w) => '-'.repeat(w))));
  for (const l of lines) console.log(out(l));
}

/** The q-quantile (0..1) of some samples. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
