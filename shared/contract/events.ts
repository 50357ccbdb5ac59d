import type { AppStatus } from '../domain/types';
import type { QueueName } from '../jobs/queues';
import type { BackupProgress } from './backups';

/** Names of the synced entities, as used in change events and the outbox. */
export type EntityName =
  | 'accounts'
  | 'executions'
  | 'trades'
  | 'journal_entries'
  | 'playbooks'
  | 'tags'
  | 'trade_tags'
  | 'attachments'
  | 'coach_messages'
  | 'settings'
  | 'import_presets';

/** Every entity name, for clients that must refresh everything (after a reconnect). */
export const entityNames: EntityName[] = [
  'accounts',
  'executions',
  'trades',
  'journal_entries',
  'playbooks',
  'tags',
  'trade_tags',
  'attachments',
  'coach_messages',
  'settings',
  'import_presets',
];

/** Every event the core pushes to the UI. */
export type EventMap = {
  /** Something in the journal changed (locally or from sync): views showing these entities refresh. */
  'journal.changed': { entities: EntityName[] };
  status: AppStatus;
  /** A long import moving along; `total` 0 means unknown. */
  'import.progress': {
    importId: string;
    phase: 'reading' | 'writing' | 'grouping' | 'done';
    done: number;
    total: number;
  };
  /** A backup, restore or verification moving along. */
  'backup.progress': BackupProgress;
  /** Jobs of these queues were added, started, finished or failed (coalesced): job views refresh. */
  'jobs.changed': { queues: QueueName[] };
  /** A running job reported how far it is (0..1). */
  'jobs.progress': { id: number; queue: QueueName; name: string; progress: number };
  /** Gemini is streaming a coach answer: characters received so far. */
  'coach.progress': { chars: number };
  /** Ticks or bars were added (an import, or a sync that pulled them): charts of these symbols refresh; null means any. */
  'ticks.changed': { symbols: string[] | null };
};

export type EventName = keyof EventMap;
export const eventNames: EventName[] = [
  'journal.changed',
  'status',
  'import.progress',
  'backup.progress',
  'jobs.changed',
  'jobs.progress',
  'coach.progress',
  'ticks.changed',
];
