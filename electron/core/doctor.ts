import { accessSync, constants, statfsSync } from 'node:fs';
import type { Core } from './core';
import { schemaVersionOf } from './db/open';
import { latestSchemaVersion } from './db/migrations';
import { appVersion, readStatus } from './status';

/** `warn` is worth knowing but not broken (no backup yet); only `fail` makes `tpj doctor` exit 1. */
export type DoctorCheck = { name: string; ok: boolean; level: 'ok' | 'warn' | 'fail'; detail: string };

const DAY_MS = 86_400_000;
const MIN_FREE_BYTES = 500 * 1024 * 1024;

/** Health of this journal: database, disk, backups, sync, change log. */
export function runDoctor(core: Core, now = Date.now()): DoctorCheck[] {
  const db = core.store.db;
  const checks: DoctorCheck[] = [];
  const quick = db.pragma('quick_check', { simple: true }) as string;
  checks.push(
    check('database', quick === 'ok', quick === 'ok' ? 'journal.sqlite passes quick_check' : `quick_check: ${quick}`),
  );
  const fk = db.pragma('foreign_key_check') as unknown[];
  checks.push(
    check('foreign keys', fk.length === 0, fk.length === 0 ? 'no broken references' : `${fk.length} broken references`),
  );
  const version = schemaVersionOf(db);
  checks.push(
    check('schema', version === latestSchemaVersion, `version ${version} (app knows ${latestSchemaVersion})`),
  );
  checks.push(writableCheck(core.dataDir));
  checks.push(diskCheck(core.dataDir));
  const status = readStatus(core.store, core.dataDir, appVersion);
  const lastBackup = status.backup.lastBackupAt;
  const fresh = lastBackup !== null && now - lastBackup < 2 * DAY_MS;
  checks.push({
    name: 'last backup',
    ok: fresh,
    level: fresh ? 'ok' : 'warn',
    detail: lastBackup === null ? 'no backup yet' : `${Math.round((now - lastBackup) / 3_600_000)} h ago`,
  });
  checks.push({ name: 'sync', ok: true, level: 'ok', detail: status.sync.message ?? status.sync.state });
  checks.push({ name: 'change log', ok: true, level: 'ok', detail: `${status.outboxPending} changes waiting to sync` });
  checks.push(jobsCheck(core));
  return checks;
}

/** Backlog of the local job queue; failed jobs are worth a look (`tpj jobs --dead`), not broken. */
function jobsCheck(core: Core): DoctorCheck {
  const queues = core.jobs.store.summary();
  const waiting = queues.reduce((n, q) => n + q.waiting + q.delayed, 0);
  const running = queues.reduce((n, q) => n + q.active, 0);
  const dead = queues.reduce((n, q) => n + q.dead, 0);
  const detail = `${waiting} waiting, ${running} running, ${dead} failed${dead > 0 ? ' (see tpj jobs --dead)' : ''}`;
  return { name: 'jobs', ok: dead === 0, level: dead === 0 ? 'ok' : 'warn', detail };
}

function check(name: string, ok: boolean, detail: string): DoctorCheck {
  return { name, ok, level: ok ? 'ok' : 'fail', detail };
}

function writableCheck(dir: string): DoctorCheck {
  try {
    accessSync(dir, constants.W_OK);
    return check('data folder', true, `${dir} is writable`);
  } catch {
    return check('data folder', false, `${dir} is not writable`);
  }
}

function diskCheck(dir: string): DoctorCheck {
  const stats = statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  const gib = (free / 1024 ** 3).toFixed(1);
  return check('disk', free >= MIN_FREE_BYTES, `${gib} GiB free`);
}
