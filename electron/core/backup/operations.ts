import type { BackupOperation } from '../../../shared/contract/backups';
import { CoreError } from '../../../shared/contract/errors';
import type { EventHub } from '../events';
import type { Progress } from './create';

/**
 * Backup, restore and verification run one at a time: each reads or replaces the whole
 * journal. Each gets an AbortSignal (`cancel`) and a progress reporter that emits
 * `backup.progress` events, at most one per whole percent of each phase.
 */
export class OperationRunner {
  private running: { operation: BackupOperation; controller: AbortController } | null = null;

  constructor(private readonly events: EventHub) {}

  async run<T>(operation: BackupOperation, work: (signal: AbortSignal, progress: Progress) => Promise<T>): Promise<T> {
    if (this.running) {
      throw new CoreError(
        'CONFLICT',
        `A ${this.running.operation} is already running; wait for it to finish or cancel it.`,
      );
    }
    const controller = new AbortController();
    this.running = { operation, controller };
    try {
      return await work(controller.signal, this.progress(operation));
    } catch (error) {
      // Aborting makes streams fail in their own words; say what happened instead.
      const cancelled = controller.signal.aborted && (!(error instanceof CoreError) || error.code === 'CANCELLED');
      if (cancelled) throw new CoreError('CANCELLED', `The ${operation} was cancelled; nothing was changed.`);
      throw error;
    } finally {
      this.running = null;
    }
  }

  /** Stop the running operation; false when none runs. */
  cancel(reason = 'cancelled'): boolean {
    if (!this.running) return false;
    this.running.controller.abort(new CoreError('CANCELLED', `The ${this.running.operation} was ${reason}.`));
    return true;
  }

  private progress(operation: BackupOperation): Progress {
    let lastPhase = '';
    let lastPercent = -1;
    return (phase, done, total) => {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
      if (phase === lastPhase && percent === lastPercent) return;
      lastPhase = phase;
      lastPercent = percent;
      this.events.emit('backup.progress', { operation, phase, done, total });
    };
  }
}
