import { statSync } from 'node:fs';
import { CoreError } from '../../../shared/contract/errors';
import type { FormatCandidate } from '../../../shared/contract';
import { decodeBytes } from '../../../shared/import/decode';
import { DETECT_SAMPLE_CHARS, detectBinaryFormat, detectFormat, getFormat } from '../../../shared/import/detect';
import { createGenericCsvFormat, type GenericCsvMappingInput } from '../../../shared/import/formats/generic-csv';
import {
  ImportFormatError,
  type BrokerFormat,
  type ImportIssue,
  type ParseResult,
  type ParsedExecution,
} from '../../../shared/import/types';
import { readFile } from 'node:fs/promises';
import { MAX_WHOLE_FILE_BYTES, readHead, streamRowBlocks } from './read-text';

/** A file to import: bytes sent by the UI, or a path on this computer (CLI). */
export type ImportSource = { fileName: string; bytes: Uint8Array } | { fileName: string; path: string };

export type FileOptions = {
  formatId?: string;
  mapping?: GenericCsvMappingInput;
  timeZone?: string;
  /** Stream files above this size in blocks of about `blockChars` (tests shrink both). */
  streaming?: { aboveBytes: number; blockChars: number };
  /** Keep up to this many staged rows in memory for the commit (default KEEP_IN_MEMORY_ROWS; tests set 0). */
  keepRows?: number;
};

// 1 MB blocks (~10k rows): each block's cells, records and fills are garbage once staged, and
// with 4 MB blocks V8 let that garbage pile up to ~300 MB of heap before collecting it.
const defaultStreaming = { aboveBytes: MAX_WHOLE_FILE_BYTES / 4, blockChars: 1024 * 1024 };

export type ParsedFileInfo = {
  format: FormatCandidate;
  candidates: FormatCandidate[];
  ignored: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
};

type Sink = (executions: ParsedExecution[], formatLabel: string) => void;
type Progress = (done: number, total: number) => void;

/** Below this a detected format is a guess we will not act on without the trader. */
const MIN_CONFIDENCE = 0.5;

/** Read one file with its detected (or chosen) format, handing executions to `sink` as they are read. */
export async function parseSource(
  source: ImportSource,
  options: FileOptions,
  sink: Sink,
  progress: Progress,
  signal: AbortSignal,
): Promise<ParsedFileInfo> {
  const size = 'bytes' in source ? source.bytes.length : statSync(source.path).size;
  const head = 'bytes' in source ? source.bytes.subarray(0, 64 * 1024) : readHead(source.path);
  const binary = isZip(head);
  const sample = binary ? { text: '', encoding: 'utf-8' as const, bom: false } : decodeBytes(head);
  const { format, candidates } = chooseFormat(
    source.fileName,
    sample.text.slice(0, DETECT_SAMPLE_CHARS),
    options,
    binary ? head : null,
  );
  const ctx = options.timeZone
    ? { fileName: source.fileName, timeZone: options.timeZone }
    : { fileName: source.fileName };
  const info = (r: Pick<ParseResult, 'ignored' | 'errors' | 'warnings'>): ParsedFileInfo => ({
    format: {
      id: format.id,
      label: format.label,
      confidence: candidates[0]?.id === format.id ? (candidates[0]?.confidence ?? 1) : 1,
    },
    candidates,
    ...r,
  });
  const streaming = options.streaming ?? defaultStreaming;
  if ('path' in source && format.streamable && size > streaming.aboveBytes) {
    const blocks = streamRowBlocks(source.path, sample.encoding, signal, streaming.blockChars);
    return info(await parseStreaming(blocks, format, ctx, sink, progress, signal, size));
  }
  if (size > MAX_WHOLE_FILE_BYTES) {
    throw new CoreError(
      'INVALID_INPUT',
      `${source.fileName} is ${Math.round(size / 1024 / 1024)} MB; files in the ${format.label} format can be read up to 64 MB at once. Export a shorter date range.`,
    );
  }
  const bytes = 'bytes' in source ? source.bytes : await readFile(source.path);
  const result = binary ? runBinaryParser(format, bytes, ctx) : runParser(format, decodeBytes(bytes).text, ctx);
  sink(result.executions, format.label);
  progress(size, size);
  return info(result);
}

async function parseStreaming(
  blocks: ReturnType<typeof streamRowBlocks>,
  format: BrokerFormat,
  ctx: { fileName: string; timeZone?: string },
  sink: Sink,
  progress: Progress,
  signal: AbortSignal,
  size: number,
): Promise<Pick<ParseResult, 'ignored' | 'errors' | 'warnings'>> {
  const total = { ignored: 0, errors: [] as ImportIssue[], warnings: [] as ImportIssue[] };
  const warned = new Set<string>();
  let header = '';
  for await (const block of blocks) {
    if ('header' in block) {
      header = block.header;
      continue;
    }
    // The parser sees the header on line 1 and the block from line 2: shift its line numbers back.
    const shift = (line: number) => (line <= 1 ? 1 : block.firstLine + line - 2);
    const result = runParser(format, `${header}\n${block.text}`, ctx);
    for (const e of result.executions) e.line = shift(e.line);
    sink(result.executions, format.label);
    total.ignored += result.ignored;
    total.errors.push(...result.errors.map((i) => ({ ...i, line: shift(i.line) })));
    for (const w of result.warnings) {
      // File-level warnings repeat in every block; keep the first of each.
      if (warned.has(w.message)) continue;
      warned.add(w.message);
      total.warnings.push({ ...w, line: shift(w.line) });
    }
    progress(block.bytesRead, size);
    // Let other calls (and a cancel) in between blocks.
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
  }
  return total;
}

function runBinaryParser(
  format: BrokerFormat,
  bytes: Uint8Array,
  ctx: { fileName: string; timeZone?: string },
): ParseResult {
  if (!format.parseBytes)
    throw new CoreError('INVALID_INPUT', `${ctx.fileName} is not a text file; the ${format.label} format reads text.`);
  try {
    return format.parseBytes(bytes, ctx);
  } catch (error) {
    if (error instanceof ImportFormatError) throw new CoreError('INVALID_INPUT', error.message);
    throw error;
  }
}

/** Zip containers (xlsx) start with "PK\x03\x04". */
function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

function runParser(format: BrokerFormat, text: string, ctx: { fileName: string; timeZone?: string }): ParseResult {
  try {
    return format.parse(text, ctx);
  } catch (error) {
    if (error instanceof ImportFormatError) throw new CoreError('INVALID_INPUT', error.message);
    throw error;
  }
}

function chooseFormat(
  fileName: string,
  sample: string,
  options: FileOptions,
  binaryHead: Uint8Array | null,
): { format: BrokerFormat; candidates: FormatCandidate[] } {
  const matches = binaryHead === null ? detectFormat(sample, fileName) : detectBinaryFormat(binaryHead, fileName);
  const candidates = matches.map((m) => ({
    id: m.format.id,
    label: m.format.label,
    confidence: round(m.confidence),
  }));
  if (options.mapping) return { format: createGenericCsvFormat(options.mapping), candidates };
  if (options.formatId) {
    const chosen = getFormat(options.formatId);
    if (!chosen)
      throw new CoreError(
        'INVALID_INPUT',
        `There is no import format "${options.formatId}". Run \`tpj formats\` to see them.`,
      );
    return { format: chosen, candidates };
  }
  const best = candidates[0];
  const format = best && best.confidence >= MIN_CONFIDENCE ? getFormat(best.id) : undefined;
  if (!format) {
    throw new CoreError(
      'INVALID_INPUT',
      `${fileName}: the format was not recognised. Choose the broker format, or map the columns of a CSV file yourself.`,
      [{ path: 'formatId', message: `${fileName}: choose a format or map the columns` }],
    );
  }
  return { format, candidates };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
