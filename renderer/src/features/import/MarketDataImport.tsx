import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { SymbolCoverage, TickImportSummary } from '../../../../shared/contract/ticks';
import { MAX_INLINE_IMPORT_BYTES } from '../../../../shared/contract/imports';
import { callQuietly } from '../../client/quiet-call';
import { client } from '../../client/client';
import { formatDateTime } from '../../format/date';
import { useTimeZone } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { bytesToBase64 } from './base64';
import { importZoneChoices } from './choices';
import { ProgressBar } from './ProgressBar';
import { useEscape } from './use-escape';

type Run = { fileName: string; importId: string; done: number; total: number };
type Outcome = { ok: true; summary: TickImportSummary } | { ok: false; fileName: string; error: AppError };

/**
 * Tick and OHLC bar files for the trade charts: one file at a time, written in one
 * transaction (a file with a bad row adds nothing), re-importing adds only what is new.
 */
export function MarketDataImport({ active }: { active: boolean }) {
  const displayZone = useTimeZone();
  const [symbol, setSymbol] = useState('');
  const [timeZone, setTimeZone] = useState('UTC');
  const [run, setRun] = useState<Run | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Refreshed by `ticks.changed`: an import here, in another window or by a sync.
  const coverage = useRemote('ticks.coverage', {}, [], 'any');
  const input = useRef<HTMLInputElement>(null);
  const running = useRef<string | null>(null);

  useEffect(
    () =>
      client.on('import.progress', (p) => {
        if (p.importId === running.current) setRun((r) => (r ? { ...r, done: p.done, total: p.total } : r));
      }),
    [],
  );

  const cancel = () => {
    if (running.current) void callQuietly('ticks.cancel', { importId: running.current });
  };
  useEscape(active && run !== null, cancel);

  const importFile = async (file: File) => {
    setOutcome(null);
    if (file.size > MAX_INLINE_IMPORT_BYTES) {
      const error: AppError = {
        code: 'INVALID_INPUT',
        message: `${file.name} is larger than 30 MB: import it with \`tpj ticks import\`, which streams the file.`,
      };
      setOutcome({ ok: false, fileName: file.name, error });
      return;
    }
    const importId = crypto.randomUUID();
    running.current = importId;
    setRun({ fileName: file.name, importId, done: 0, total: file.size });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await callQuietly('ticks.import', {
      fileName: file.name,
      dataBase64: bytesToBase64(bytes),
      timeZone,
      importId,
      ...(symbol.trim() ? { symbol: symbol.trim() } : {}),
    });
    running.current = null;
    setRun(null);
    setOutcome(
      result.ok ? { ok: true, summary: result.value } : { ok: false, fileName: file.name, error: result.error },
    );
  };

  const zones = importZoneChoices(displayZone, timeZone);
  const percent = run && run.total > 0 ? Math.min(100, Math.round((run.done / run.total) * 100)) : null;
  return (
    <>
      <section className="card market-data" aria-labelledby="market-data-title" data-testid="market-data">
        <header className="card__header">
          <h2 id="market-data-title">Ticks and bars for your trade charts</h2>
        </header>
        <div className="card__body market-data__body">
          <p className="cell-muted">
            A CSV of ticks (symbol, time, price, size) or of OHLC bars (time, open, high, low, close, volume). Charts
            build 1s to 1d candles from it; MAE and MFE come from ticks. Rows already here are skipped, and a file with
            a bad row adds nothing.
          </p>
          <div className="market-data__fields">
            <label className="field">
              <span className="field__label">Symbol</span>
              <input
                value={symbol}
                maxLength={40}
                placeholder="From the file"
                disabled={run !== null}
                data-testid="market-data-symbol"
                onChange={(e) => setSymbol(e.target.value)}
              />
              <span className="field__hint">Only for files without a symbol column.</span>
            </label>
            <label className="field">
              <span className="field__label">Time zone of the file</span>
              <select
                value={timeZone}
                disabled={run !== null}
                data-testid="market-data-zone"
                onChange={(e) => setTimeZone(e.target.value)}
              >
                {[...new Set(['UTC', ...zones])].map((zone) => (
                  <option key={zone} value={zone}>
                    {zone === displayZone ? `${zone} (display time zone)` : zone}
                  </option>
                ))}
              </select>
              <span className="field__hint">For times written without an offset.</span>
            </label>
          </div>
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            accept=".csv,.txt,text/csv"
            tabIndex={-1}
            data-testid="market-data-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          {run ? (
            <div className="market-data__run">
              <ProgressBar label={`Reading ${run.fileName}…`} percent={percent} />
              <button type="button" className="button" onClick={cancel}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" className="button button--primary" onClick={() => input.current?.click()}>
              Choose a tick or bar file…
            </button>
          )}
          {outcome && <OutcomeView outcome={outcome} zone={displayZone} />}
        </div>
      </section>
      <CoverageTable coverage={coverage.value ?? []} zone={displayZone} />
    </>
  );
}

function OutcomeView({ outcome, zone }: { outcome: Outcome; zone: string }) {
  if (!outcome.ok) {
    return (
      <div className="market-data__error" role="alert" data-testid="market-data-error">
        <p>{outcome.error.message}</p>
        {outcome.error.fields && outcome.error.fields.length > 0 && (
          <ul>
            {outcome.error.fields.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code> {f.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const s = outcome.summary;
  const span =
    s.from !== null && s.to !== null ? `, ${formatDateTime(s.from, zone)} to ${formatDateTime(s.to, zone)}` : '';
  return (
    <p className="market-data__done" role="status" data-testid="market-data-summary">
      {s.fileName}: {s.added.toLocaleString()} new of {s.rows.toLocaleString()} {s.kind} for{' '}
      {s.symbols.join(', ') || 'no symbol'}
      {span}.
    </p>
  );
}

function CoverageTable({ coverage, zone }: { coverage: SymbolCoverage[]; zone: string }) {
  if (coverage.length === 0) {
    return (
      <p className="card card__body cell-muted market-data__none">
        No market data yet: trade charts show executions only.
      </p>
    );
  }
  return (
    <section className="card market-data__coverage" aria-labelledby="market-coverage-title">
      <header className="card__header">
        <h2 id="market-coverage-title">Market data in this journal</h2>
      </header>
      <div className="table-wrap">
        <table className="table" data-testid="market-data-coverage">
          <thead>
            <tr>
              <th scope="col">Symbol</th>
              <th scope="col">Ticks</th>
              <th scope="col">Bars</th>
            </tr>
          </thead>
          <tbody>
            {coverage.map((c) => (
              <tr key={c.symbol}>
                <td>{c.symbol}</td>
                <td>
                  {c.ticks
                    ? `${c.ticks.days} day${c.ticks.days === 1 ? '' : 's'}, ${formatDateTime(c.ticks.from, zone)} – ${formatDateTime(c.ticks.to, zone)}`
                    : '—'}
                </td>
                <td>
                  {c.bars
                    ? `${c.bars.count.toLocaleString()}, ${formatDateTime(c.bars.from, zone)} – ${formatDateTime(c.bars.to, zone)}`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
