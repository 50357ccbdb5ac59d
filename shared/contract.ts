import type { z } from 'zod';
import { accountsContract } from './contract/accounts';
import { aiContract } from './contract/ai';
import { appContract } from './contract/app';
import { attachmentsContract } from './contract/attachments';
import { backupsContract } from './contract/backups';
import { coachContract } from './contract/coach';
import { embeddingsContract } from './contract/embeddings';
import type { Result } from './contract/errors';
import type { EventMap, EventName } from './contract/events';
import { importsContract } from './contract/imports';
import { jobsContract } from './contract/jobs';
import { journalContract } from './contract/journal';
import { playbooksContract } from './contract/playbooks';
import { secretsContract } from './contract/secrets';
import { statsContract } from './contract/stats';
import { syncContract } from './contract/sync';
import { tagsContract } from './contract/tags';
import { ticksContract } from './contract/ticks';
import { tradesContract } from './contract/trades';

/**
 * Every call between the UI and the core. Each domain declares its slice; they merge
 * here into one map, so a method is written once and every door (IPC, HTTP, CLI) and
 * the core's handler map are checked against it at compile time.
 */
export const contract = {
  ...appContract,
  ...accountsContract,
  ...tradesContract,
  ...journalContract,
  ...playbooksContract,
  ...tagsContract,
  ...attachmentsContract,
  ...backupsContract,
  ...importsContract,
  ...jobsContract,
  ...statsContract,
  ...coachContract,
  ...aiContract,
  ...syncContract,
  ...secretsContract,
  ...embeddingsContract,
  ...ticksContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults may be left out). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['__output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The implementation of the contract: one handler per method, no more, no less. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

/** What the UI holds: `window.tpj` in Electron, or the HTTP client in a browser. */
export type TpjClient = {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

export type { AppError, ErrorCode, Result } from './contract/errors';
export type { EntityName, EventMap, EventName } from './contract/events';
export type { TradeFilter, TradePage, TradeAnnotationsPatch, TradeSort, TradeSortKey } from './contract/trades';
export type { DemoSummary } from './contract/app';
export type { StatsResult } from './contract/stats';
export type { CandleSeries, SymbolCoverage, TickImportSummary, TradeExcursion } from './contract/ticks';
export type { JobInfo, JobState, JobsOverview, QueueSummary } from './contract/jobs';
export type { CoachAsk, CoachMessage, CoachMode, CoachReply } from './contract/coach';
export type {
  AccountPlan,
  FilePreview,
  FormatCandidate,
  FormatInfo,
  ImportBatch,
  ImportPreset,
  ImportPreview,
  ImportSummary,
  ManualExecution,
  PreviewTrade,
} from './contract/imports';
