import { CronExpressionParser } from 'cron-parser';
import type { BackupSettings } from '../../../shared/contract/backups';
import type { Logger } from '../log/logger';

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits wake up and re-plan. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Why a cron expression is not usable, or null when it is. Times are this computer's local time. */
export function scheduleProblem(expression: string): string | null {
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The first scheduled time strictly after `from`. */
export function nextRunAfter(expression: string, from: number): number {
  const cron = CronExpressionParser.parse(expression, { currentDate: new Date(from) });
  let next = cron.next().getTime();
  while (next <= from) next = cron.next().getTime();
  return next;
}

/** The last scheduled time strictly before `now`. */
export function previousRunBefore(expression: string, now: number): number {
  return CronExpressionParser.parse(expression, { currentDate: new Date(now) })
    .prev()
    .getTime();
}

/**
 * Whether a scheduled run was missed (the app was closed, the computer asleep): the last
 * successful backup is older than the last time the schedule says one should have run.
 * A journal never backed up has missed its run.
 */
export function missedRun(expression: string, lastBackupAt: number | null, now: number): boolean {
  return lastBackupAt === null || lastBackupAt < previousRunBefore(expression, now);
}

export type SchedulerOptions = {
  settings: () => BackupSettings;
  lastBackupAt: () => number | null;
  /** Make the scheduled backup; failures are the caller's to record. */
  run: () => Promise<void>;
  now: () => number;
  /** How long after start a missed run catches up: not on the start-up path. */
  catchUpDelayMs: number;
  logger: Logger;
};

/** Runs backups on the cron schedule; its one timer is unref'd and cleared by `dispose`. */
export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = 0;
  private disposed = false;

  constructor(private readonly o: SchedulerOptions) {}

  /** Plan the next run, catching up at once (after the start delay) when one was missed. */
  start(): void {
    this.plan(true);
  }

  /** Plan again after the settings changed. */
  reschedule(): void {
    this.plan(false);
  }

  /** When the planned run is due, or null when none is planned (schedule off or not usable). */
  nextDueAt(): number | null {
    return this.timer === undefined || this.disposed ? null : this.dueAt;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private catchUpPlannedAt: number | null = null;

  private plan(atStart: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const settings = this.o.settings();
    if (this.disposed || !settings.scheduleEnabled) return;
    const now = this.o.now();
    try {
      const catchUp = atStart && missedRun(settings.schedule, this.o.lastBackupAt(), now);
      this.catchUpPlannedAt = catchUp ? now : null;
      this.dueAt = catchUp ? now + this.o.catchUpDelayMs : nextRunAfter(settings.schedule, now);
    } catch (error) {
      this.o.logger.error({ err: error, schedule: settings.schedule }, 'backup schedule not usable');
      return;
    }
    this.timer = setTimeout(() => void this.fire(), Math.min(Math.max(0, this.dueAt - now), MAX_TIMEOUT_MS));
    // A pending backup must never keep a process alive.
    this.timer.unref();
  }

  private async fire(): Promise<void> {
    if (this.disposed) return;
    // A catch-up is moot when the trader backed up by hand while it waited.
    const caughtUp = this.catchUpPlannedAt !== null && (this.o.lastBackupAt() ?? -1) >= this.catchUpPlannedAt;
    if (this.o.now() >= this.dueAt && !caughtUp) {
      try {
        await this.o.run();
      } catch (error) {
        this.o.logger.warn({ err: error }, 'scheduled backup failed');
      }
    }
    this.plan(false);
  }
}
