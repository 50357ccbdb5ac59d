import { resolveInstrument } from '../instruments';
import { splitFeeProRata } from './fees';
import { alignFills, compareExecutions, parseFill, type Fill } from './fills';
import { formatScaled, parseScaled } from './fixed';
import { baseRate } from './fx';
import { addClose, addOpen, finishTrade, startTrade, type GroupContext, type TradeBuilder } from './trade-builder';
import type { EngineExecution, EngineOptions, EngineResult, EngineTrade, EngineWarning } from './types';

/** Appended to an execution id for the trade opened by the remainder of a reversing fill. */
export const REVERSAL_SUFFIX = ':rev';

/**
 * Groups executions into round-trip trades, FIFO per (account, symbol).
 * A trade opens when the position leaves flat and closes when it returns to flat; a fill that
 * crosses zero is split between the trade it closes and the one it opens. Pure and
 * deterministic: the same executions in any row order give the same result.
 */
export function groupExecutionsIntoTrades(
  executions: readonly EngineExecution[],
  options: EngineOptions = {},
): EngineResult {
  const warnings: EngineWarning[] = [];
  const accounts = collectGroups(executions, warnings);
  const trades: EngineTrade[] = [];
  for (const accountId of [...accounts.keys()].sort()) {
    const symbols = accounts.get(accountId);
    if (!symbols) continue;
    for (const symbol of [...symbols.keys()].sort()) {
      const rows = symbols.get(symbol);
      if (rows) walkGroup(readFills(rows.sort(compareExecutions), warnings), options, trades, warnings);
    }
  }
  trades.sort(compareTrades);
  warnings.sort(compareWarnings);
  return { trades, warnings };
}

/** Buckets executions by account, then symbol. */
function collectGroups(
  executions: readonly EngineExecution[],
  warnings: EngineWarning[],
): Map<string, Map<string, EngineExecution[]>> {
  // Nested maps rather than a joined "account|symbol" key: no string built per execution.
  const accounts = new Map<string, Map<string, EngineExecution[]>>();
  for (const exec of executions) {
    // A NaN time would make the sort comparator inconsistent and scramble the valid rows too.
    if (!Number.isFinite(exec.executedAt)) {
      warnings.push(warning('invalid-execution', exec, `Execution ${exec.id} was left out: its time is not a number.`));
      continue;
    }
    let symbols = accounts.get(exec.accountId);
    if (!symbols) accounts.set(exec.accountId, (symbols = new Map<string, EngineExecution[]>()));
    const bucket = symbols.get(exec.symbol);
    if (bucket) bucket.push(exec);
    else symbols.set(exec.symbol, [exec]);
  }
  return accounts;
}

/**
 * Parses one group's executions (already in time order), leaving out unreadable ones with a
 * warning. Parsing per group, not all at once, lets each group's fills die young in the GC.
 */
function readFills(rows: readonly EngineExecution[], warnings: EngineWarning[]): Fill[] {
  const fills: Fill[] = [];
  let previous: EngineExecution | null = null;
  for (const exec of rows) {
    // The same row imported twice sorts next to itself; say so rather than count it silently twice.
    if (previous !== null && previous.id === exec.id && previous.executedAt === exec.executedAt) {
      const message = `Execution ${exec.id} appears more than once; each copy is counted.`;
      warnings.push(warning('duplicate-execution-id', exec, message));
    }
    previous = exec;
    const fill = parseFill(exec);
    if (typeof fill === 'string') {
      warnings.push(warning('invalid-execution', exec, `Execution ${exec.id} was left out: ${fill}.`));
    } else {
      fills.push(fill);
    }
  }
  return fills;
}

/** Walks one (account, symbol)'s fills in time order and emits its trades. */
function walkGroup(fills: Fill[], options: EngineOptions, trades: EngineTrade[], warnings: EngineWarning[]): void {
  const first = fills[0];
  if (!first) return;
  const ctx = groupContext(first, fills, options, warnings);
  const { qty: qtyScale, fee: feeScale } = ctx.scales;
  let open: TradeBuilder | null = null;
  for (let i = 0; i < fills.length; i++) {
    const fill = fills[i];
    if (!fill) continue;
    if (open === null) {
      open = startTrade(fill.exec.id, i, fill, fill.q, fill.qtyText, fill.f, fill.feeText);
    } else if (fill.dir === open.dir) {
      addOpen(open, fill);
    } else {
      if (fill.q <= open.position) {
        addClose(open, fill, fill.q, fill.qtyText, fill.f, fill.feeText);
        if (open.position === 0n) {
          trades.push(finishTrade(open, ctx));
          open = null;
        }
      } else {
        // Reversal: the part up to flat closes this trade, the rest opens the next one.
        const closeQty = open.position;
        const openQty = fill.q - closeQty;
        const dp = Math.max(fill.feeScale, 2);
        const [closeFee, openFee] = splitFeeProRata(fill.f, feeScale, dp, closeQty, fill.q);
        addClose(open, fill, closeQty, formatScaled(closeQty, qtyScale), closeFee, formatScaled(closeFee, feeScale));
        trades.push(finishTrade(open, ctx));
        const id = fill.exec.id + REVERSAL_SUFFIX;
        open = startTrade(
          id,
          i,
          fill,
          openQty,
          formatScaled(openQty, qtyScale),
          openFee,
          formatScaled(openFee, feeScale),
        );
      }
    }
  }
  if (open !== null) trades.push(finishTrade(open, ctx));
}

/** Resolves the instrument once per group and reports what the trader should know about it. */
function groupContext(
  first: Fill,
  fills: readonly Fill[],
  options: EngineOptions,
  warnings: EngineWarning[],
): GroupContext {
  const { accountId, symbol, assetClass, currency } = first.exec;
  const instrument = resolveInstrument(symbol, assetClass);
  if (instrument.warning !== null) {
    const code = assetClass === 'future' ? 'unknown-futures-root' : 'instrument';
    warnings.push(warning(code, first.exec, instrument.warning, null));
  }
  const other = fills.find((f) => f.exec.currency !== currency);
  if (other) {
    const message = `${symbol} has fills in both ${currency} and ${other.exec.currency}; P&L adds them as ${currency}.`;
    warnings.push(warning('currency-mismatch', other.exec, message));
  } else if (instrument.currency !== null && instrument.currency !== currency) {
    const message =
      `${symbol} is priced in ${instrument.currency} but its fills say ${currency}; ` +
      `P&L is labelled ${currency} and may be in the wrong currency.`;
    warnings.push(warning('currency-mismatch', first.exec, message, null));
  }
  const rate = baseRate(currency, options);
  if (rate === null) {
    const message =
      `No usable exchange rate from ${currency} to ${options.baseCurrency ?? 'the base currency'}: ` +
      `${symbol} P&L is left out of base-currency totals.`;
    warnings.push(warning('missing-fx-rate', first.exec, message, null));
  }
  const multiplier = parseScaled(instrument.multiplier);
  return {
    accountId,
    symbol,
    assetClass,
    currency,
    scales: alignFills(fills),
    multiplier: multiplier.units,
    multiplierScale: multiplier.scale,
    multiplierText: instrument.multiplier,
    rate,
    fills,
  };
}

function warning(
  code: EngineWarning['code'],
  exec: EngineExecution,
  message: string,
  executionId: string | null = exec.id,
): EngineWarning {
  return { code, accountId: exec.accountId, symbol: exec.symbol, executionId, message };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTrades(a: EngineTrade, b: EngineTrade): number {
  return a.openedAt - b.openedAt || compareStrings(a.id, b.id);
}

function compareWarnings(a: EngineWarning, b: EngineWarning): number {
  return (
    compareStrings(a.accountId ?? '', b.accountId ?? '') ||
    compareStrings(a.symbol, b.symbol) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.executionId ?? '', b.executionId ?? '') ||
    compareStrings(a.message, b.message)
  );
}
