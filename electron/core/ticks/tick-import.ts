import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import type { TickImportSummary } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { EventMap } from '../../../shared/contract/events';
import { decodeBytes } from '../../../shared/import/decode';
import { ImportFormatError, type ImportIssue } from '../../../shared/import/types';
import { parseMarketCsv, type MarketFileKind, type MarketParseContext } from '../../../shared/ticks/market-csv';
import type { ImportSource } from '../import/parse-file';
import { readHead, streamRowBlocks } from '../import/read-text';
import { uuidv7 } from '../journal/ids';
import type { Store } from '../journal/store';
import { TickStage } from './tick-stage';

type Emit = (payload: EventMap['import.progress']) => void;
/** Told the symbols of a file once its rows are committed, when it added any. */
type OnAdded = (symbols: string[]) => void;

export type TickImportOptions = {
  symbol?: string;
  /** Zone of times without an offset; default UTC. */
  timeZone?: string;
  importId?: string;
  /** Stream files above this size in blocks of about `blockChars` (tests shrink both). */
  streaming?: { aboveBytes: number; blockChars: number };
};

const defaultStreaming = { aboveBytes: 8 * 1024 * 1024, blockChars: 4 * 1024 * 1024 };
const ISSUES_SHOWN = 20;

/**
 * Market data imports: a tick or bar file is read (streamed in blocks when large), staged,
 * and written in one transaction only when every row could be read. Progress goes out as
 * `import.progress`; `cancel` stops a file between blocks.
 */
export class TickImporter {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly store: Store,
    private readonly emit: Emit,
    private readonly onAdded: OnAdded = () => {},
  ) {}

  async import(source: ImportSource, options: TickImportOptions = {}): Promise<TickImportSummary> {
    const importId = options.importId ?? uuidv7();
    if (this.running.has(importId)) throw new CoreError('CONFLICT', 'An import with this id is already under way.');
    const abort = new AbortController();
    this.running.set(importId, abort);
    const stage = new TickStage(this.store.db);
    try {
      const ctx: MarketParseContext = {
        fileName: source.fileName,
        timeZone: options.timeZone ?? 'UTC',
        ...(options.symbol ? { symbol: options.symbol } : {}),
      };
      const progress = (done: number, total: number) => this.emit({ importId, phase: 'reading', done, total });
      const { kind, errors } = await readInto(stage, source, ctx, options, progress, abort.signal);
      if (errors.length > 0) throw rowErrors(source.fileName, errors);
      this.emit({ importId, phase: 'writing', done: 0, total: stage.rows });
      const added = this.store.db.transaction(() => stage.commit())();
      this.emit({ importId, phase: 'done', done: stage.rows, total: stage.rows });
      const symbols = [...stage.symbols].sort();
      if (added > 0) this.onAdded(symbols);
      return {
        fileName: source.fileName,
        kind,
        rows: stage.rows,
        added,
        symbols,
        from: stage.from,
        to: stage.to,
      };
    } catch (error) {
      if (abort.signal.aborted)
        throw new CoreError('CANCELLED', `${source.fileName}: import cancelled; nothing was written.`);
      if (error instanceof ImportFormatError) throw new CoreError('INVALID_INPUT', error.message);
      throw error;
    } finally {
      stage.dispose();
      this.running.delete(importId);
    }
  }

  cancel(importId: string): { cancelled: boolean } {
    const abort = this.running.get(importId);
    abort?.abort();
    return { cancelled: abort !== undefined };
  }
}

type ReadOutcome = { kind: MarketFileKind; errors: ImportIssue[] };

async function readInto(
  stage: TickStage,
  source: ImportSource,
  ctx: MarketParseContext,
  options: TickImportOptions,
  progress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<ReadOutcome> {
  const streaming = options.streaming ?? defaultStreaming;
  if ('bytes' in source || statSync(source.path).size <= streaming.aboveBytes) {
    const bytes = 'bytes' in source ? source.bytes : await readFile(source.path);
    const result = parseMarketCsv(decodeBytes(bytes).text, ctx);
    stage.add(result.ticks, result.bars);
    progress(bytes.length, bytes.length);
    return { kind: result.kind, errors: result.errors };
  }
  const size = statSync(source.path).size;
  const { encoding } = decodeBytes(readHead(source.path));
  const outcome: ReadOutcome = { kind: 'ticks', errors: [] };
  let header = '';
  for await (const block of streamRowBlocks(source.path, encoding, signal, streaming.blockChars)) {
    if ('header' in block) {
      header = block.header;
      continue;
    }
    // The parser sees the header on line 1 and the block from line 2: shift its line numbers back.
    const shift = (line: number) => block.firstLine + line - 2;
    const result = parseMarketCsv(`${header}\n${block.text}`, ctx);
    outcome.kind = result.kind;
    stage.add(result.ticks, result.bars);
    for (const e of result.errors) outcome.errors.push({ ...e, line: shift(e.line) });
    progress(block.bytesRead, size);
    // Let other calls (and a cancel) in between blocks.
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
  }
  return outcome;
}

function rowErrors(fileName: string, errors: readonly ImportIssue[]): CoreError {
  const first = errors[0];
  const where = first ? ` First: line ${first.line}${first.column ? `, ${first.column}` : ''}: ${first.message}.` : '';
  return new CoreError(
    'INVALID_INPUT',
    `${fileName}: ${errors.length} row${errors.length === 1 ? '' : 's'} could not be read; nothing was imported.${where}`,
    errors.slice(0, ISSUES_SHOWN).map((e) => ({
      path: `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}`,
      message: e.message,
    })),
  );
}
