/** a ÷ b, or null when b is zero or the quotient is not finite (the UI shows "n/a"). */
export function ratio(a: number, b: number): number | null {
  if (b === 0) return null;
  const q = a / b;
  return Number.isFinite(q) ? q : null;
}

const ANNUALISE = Math.sqrt(252);

/**
 * Annualised Sharpe of daily P&L: mean ÷ sample standard deviation × √252 (as empyrical does).
 * Null under two days or when every day made the same amount; `equal` says so exactly, since a
 * float spread of identical days can come out as 1e-17 instead of 0.
 */
export function sharpe(daily: Float64Array, equal: boolean): number | null {
  const n = daily.length;
  if (n < 2 || equal) return null;
  const mean = meanOf(daily);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((daily[i] ?? 0) - mean) ** 2;
  return ratio(mean * ANNUALISE, Math.sqrt(squares / (n - 1)));
}

/**
 * Annualised Sortino of daily P&L: mean ÷ downside deviation × √252, where the downside
 * deviation is √(Σ min(0, x)² ÷ n) over all n days (target 0). Null under two days or without
 * a losing day.
 */
export function sortino(daily: Float64Array): number | null {
  const n = daily.length;
  if (n < 2) return null;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += Math.min(0, daily[i] ?? 0) ** 2;
  return ratio(meanOf(daily) * ANNUALISE, Math.sqrt(squares / n));
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}
