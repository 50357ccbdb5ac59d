import type {
  CloudTableCheck,
  CloudVerifyReport,
  ServiceCheck,
  SyncReportView,
  SyncStatusView,
} from '../../../../shared/contract/sync';
import { countText } from '../../format/status';

/** How a state badge looks: `state-badge--<tone>` (backups.css). */
export type Tone = 'pass' | 'warn' | 'fail' | 'muted';

/** The card's headline for a sync state: a word or two and a colour that matches it. */
export function syncStateBadge(status: Pick<SyncStatusView, 'state' | 'conflicts'>): { label: string; tone: Tone } {
  switch (status.state) {
    case 'not-configured':
      return { label: 'Not set up', tone: 'muted' };
    case 'offline':
      return { label: 'Offline', tone: 'warn' };
    case 'syncing':
      return { label: 'Syncing…', tone: 'muted' };
    case 'up-to-date':
      return { label: 'Up to date', tone: 'pass' };
    case 'error':
      return { label: 'Error', tone: 'fail' };
    case 'conflicts':
      return { label: status.conflicts > 0 ? countText(status.conflicts, 'conflict') : 'Conflicts', tone: 'warn' };
  }
}

/** The settings that connect sync, with what each is for (read from the environment for now). */
export const cloudSettings: { name: string; required: boolean; purpose: string }[] = [
  {
    name: 'TIMESCALE_DATABASE_URL',
    required: true,
    purpose: 'Your own PostgreSQL (TimescaleDB optional): where the journal is kept in the cloud.',
  },
  { name: 'TPJ_WORKSPACE', required: true, purpose: 'A name for your journal there; use the same on every device.' },
  { name: 'REDIS_URL', required: false, purpose: 'Optional: tells your other devices to pull changes at once.' },
  { name: 'QDRANT_URL', required: false, purpose: 'Optional: shares AI search vectors between devices.' },
  { name: 'QDRANT_API_KEY', required: false, purpose: 'Optional: the key for Qdrant Cloud.' },
];

export const serviceNames: Record<ServiceCheck['service'], string> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  qdrant: 'Qdrant',
};

/** One row of the "Test connection" result, in words. */
export type ServiceRow = {
  service: ServiceCheck['service'];
  name: string;
  outcome: 'ok' | 'fail' | 'off';
  /** "✓ Connected", "✗ Failed", "– Not configured". */
  outcomeText: string;
  latency: string;
  version: string;
  /** PostgreSQL only. */
  timescale: string | null;
  message: string;
};

export function serviceRow(check: ServiceCheck): ServiceRow {
  const outcome = !check.configured ? 'off' : check.ok ? 'ok' : 'fail';
  return {
    service: check.service,
    name: serviceNames[check.service],
    outcome,
    outcomeText: outcome === 'off' ? '– Not configured' : outcome === 'ok' ? '✓ Connected' : '✗ Failed',
    latency: check.latencyMs === null ? '—' : latencyText(check.latencyMs),
    version: check.version ?? '—',
    timescale:
      check.service !== 'postgres' || check.timescale === undefined
        ? null
        : check.timescale
          ? 'TimescaleDB available'
          : 'TimescaleDB not installed',
    message: check.message,
  };
}

/** "12 ms"; under a millisecond says so rather than "0 ms". */
export function latencyText(ms: number): string {
  return ms < 1 ? '<1 ms' : `${Math.round(ms)} ms`;
}

/** What "Sync now" did, in one line: "Pushed 4 rows (2 changes) · pulled 4 rows, 0 new here". */
export function reportText(report: SyncReportView): string {
  const moved = report.pushedRows + report.pulledRows + report.tickRows;
  if (moved === 0 && report.pushedRecords === 0) return 'Nothing to send or fetch: this device and the cloud agree.';
  const parts = [
    `Pushed ${countText(report.pushedRows, 'row')} (${countText(report.pushedRecords, 'change')})`,
    // Pulled rows include this device's own pushes coming back; "new here" is what changed.
    `pulled ${countText(report.pulledRows, 'row')}${report.pulledRows > 0 ? `, ${report.appliedRows} new here` : ''}`,
  ];
  if (report.tickRows > 0) parts.push(`${countText(report.tickRows, 'tick')} sent`);
  if (report.regroupedSymbols > 0) parts.push(`${countText(report.regroupedSymbols, 'symbol')} regrouped`);
  return parts.join(' · ');
}

/** One table of "Compare with cloud", in words. */
export type TableRow = {
  table: string;
  here: string;
  cloud: string;
  /** "✓ Match", "Waiting to push", "✗ Differs". */
  verdict: string;
  tone: Tone;
};

export function tableRow(check: CloudTableCheck): TableRow {
  const format = new Intl.NumberFormat();
  return {
    table: tableNames[check.table] ?? check.table,
    here: format.format(check.local.live),
    cloud: format.format(check.cloud.live),
    verdict: check.match ? '✓ Match' : check.pending > 0 ? `Waiting to push (${check.pending})` : '✗ Differs',
    tone: check.match ? 'pass' : check.pending > 0 ? 'warn' : 'fail',
  };
}

/** "All 9 tables match the cloud." or "2 of 9 tables differ from the cloud." */
export function verifySummary(report: CloudVerifyReport): string {
  const differing = report.tables.filter((t) => !t.match).length;
  if (differing === 0) return `All ${report.tables.length} tables match the cloud.`;
  const waiting = report.tables.some((t) => !t.match && t.pending > 0);
  return `${differing} of ${report.tables.length} tables differ from the cloud${
    waiting ? '; some changes here are still waiting to be pushed' : ''
  }.`;
}

const tableNames: Record<string, string> = {
  accounts: 'Accounts',
  executions: 'Fills',
  trades: 'Trades',
  journal_entries: 'Journal entries',
  playbooks: 'Playbooks',
  tags: 'Tags',
  trade_tags: 'Trade tags',
  attachments: 'Screenshots',
  settings: 'Settings',
  coach_messages: 'Coach messages',
  import_presets: 'Import presets',
  ticks: 'Market ticks',
};
