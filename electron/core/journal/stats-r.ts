import { R_MULTIPLE_DP } from '../../../shared/domain/pnl';

/**
 * A trade's R multiple as computeRMultiple defines it (net P&L ÷ riskAmount, else ÷
 * |entry − stop| × quantity × multiplier; none when the stop is on the profit side or the
 * risk is not positive), worked out by SQLite in floating point over a trades row `t`.
 * Reading six decimal strings a row and dividing with Big.js was a third of `stats.get`
 * at 100k trades; this is one REAL. `roundR` then rounds it like the exact path.
 */
export const R_MULTIPLE_SQL = `CASE
  WHEN t.risk_amount IS NOT NULL THEN
    CASE WHEN CAST(t.risk_amount AS REAL) > 0 THEN CAST(t.net_pnl AS REAL) / CAST(t.risk_amount AS REAL) END
  WHEN t.stop_price IS NULL THEN NULL
  WHEN (t.side = 'long' AND CAST(t.stop_price AS REAL) < CAST(t.entry_price AS REAL))
    OR (t.side = 'short' AND CAST(t.stop_price AS REAL) > CAST(t.entry_price AS REAL)) THEN
    CAST(t.net_pnl AS REAL) / NULLIF(abs(CAST(t.entry_price AS REAL) - CAST(t.stop_price AS REAL))
      * CAST(t.quantity AS REAL) * CAST(t.multiplier AS REAL), 0)
END`;

/**
 * The SQL R as a decimal string, rounded half away from zero to R_MULTIPLE_DP places like
 * the exact one. The two can differ in the last place only when the exact quotient sits on
 * a rounding tie a double cannot hold, which moves a mean R by under 10^-4 ÷ trades.
 */
export function roundR(r: number | null): string | null {
  if (r === null || !Number.isFinite(r)) return null;
  const text = r.toFixed(R_MULTIPLE_DP);
  return /[1-9]/.test(text) ? text : '0';
}
