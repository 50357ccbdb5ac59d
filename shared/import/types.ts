import type { AssetClass, Decimal, ExecutionSide } from '../domain/types';

/** One fill as read from a broker file, before it is stored. */
export type ParsedExecution = {
  /** The broker's own id for the fill, when the file has one (dedupe key). */
  brokerExecId: string | null;
  orderId: string | null;
  /** The broker's account label when the file names one (several accounts per file). */
  account: string | null;
  /** Symbol as the broker writes it, trimmed and upper-cased (MESZ5, AAPL, EURUSD). */
  symbol: string;
  assetClass: AssetClass;
  side: ExecutionSide;
  /** Positive quantity in contracts / shares / coins / lots. */
  quantity: Decimal;
  price: Decimal;
  /** Total fees and commissions for this fill, positive = cost. */
  fee: Decimal;
  currency: string | null;
  /** UTC epoch milliseconds. */
  executedAt: number;
  /** 1-based line (or row) in the source file the fill came from. */
  line: number;
};

/** A problem tied to a place in a file. */
export type ImportIssue = {
  file: string;
  line: number;
  column: string | null;
  message: string;
};

export type ParseContext = {
  fileName: string;
  /** IANA zone for times without an offset; undefined means the format's documented default. */
  timeZone?: string;
};

export type ParseResult = {
  executions: ParsedExecution[];
  /** Rows that were skipped on purpose (cancelled/rejected orders, balance rows...). */
  ignored: number;
  /** Row-level problems: the row was not imported. */
  errors: ImportIssue[];
  /** Imported, but the trader should know (unknown futures root, guessed zone...). */
  warnings: ImportIssue[];
};

/** A broker file format: how to recognise it and how to read it. */
export type BrokerFormat = {
  id: string;
  label: string;
  /**
   * Rows are independent, the header is the file's first line and nothing is inferred from
   * the whole file: a large file may be parsed in blocks of whole rows, each with the
   * header line put in front, so it never has to be held in memory at once.
   */
  streamable?: boolean;
  /** Confidence 0..1 that `sample` (the first ~64 KiB of the file, decoded) is this format. */
  detect(sample: string, fileName: string): number;
  /** Parse the whole decoded text. Never throws for bad rows; throws ImportFormatError for a file it cannot read at all. */
  parse(text: string, ctx: ParseContext): ParseResult;
  /**
   * Binary formats (xlsx) read the raw bytes instead; the importer calls this, when present,
   * for files that are not text (a zip signature). `detect` then sees an empty sample and the
   * file name, and `detectBytes` the bytes.
   */
  parseBytes?(bytes: Uint8Array, ctx: ParseContext): ParseResult;
  /** Confidence 0..1 for a binary file, from its first bytes (up to 64 KiB) and name. */
  detectBytes?(bytes: Uint8Array, fileName: string): number;
};

/** The whole file cannot be read as the chosen format. */
export class ImportFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}, line ${line}: ${message}`);
    this.name = 'ImportFormatError';
  }
}
