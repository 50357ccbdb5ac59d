import type { Command } from 'commander';
import type { Failpoint } from '../../sync/engine';
import type { GlobalOptions } from './context';
import { openCore } from './context';

/** `tpj sync`: one sync now (default), or keep syncing like the app does until Ctrl+C. */
export function registerSync(program: Command, globals: () => GlobalOptions): void {
  program
    .command('sync')
    .description('sync this journal with your cloud (TIMESCALE_DATABASE_URL, TPJ_WORKSPACE, REDIS_URL, QDRANT_URL)')
    .option('--once', 'sync once and exit (the default)')
    .option('--watch', 'keep syncing: on changes, on a timer and when another device nudges, until Ctrl+C')
    .option('--devices', 'list the devices the cloud knows in this workspace and how far each has pulled')
    .option(
      '--forget-device <id>',
      'stop waiting for a device that will not come back (deleted rows can then be purged)',
    )
    .option('--json', 'print JSON')
    .action(
      async (opts: { once?: boolean; watch?: boolean; json?: boolean; devices?: boolean; forgetDevice?: string }) => {
        if (opts.devices || opts.forgetDevice) {
          await devices(globals(), opts);
          return;
        }
        if (!opts.watch) {
          const { call, close } = openCore(globals(), { sync: { run: false, service: failpointFromEnv() } });
          try {
            const report = await call('sync.now', {});
            const status = await call('sync.status', {});
            if (opts.json) console.log(JSON.stringify({ ...report, status }));
            else {
              console.log(
                `Synced with ${status.cloud.postgres ?? 'the cloud'} (workspace ${status.workspaceId}): ` +
                  `pushed ${report.pushedRows} rows, pulled ${report.pulledRows} (${report.appliedRows} applied), ` +
                  `${report.tickRows} ticks uploaded; ${status.pending} changes still waiting.`,
              );
            }
          } finally {
            close();
          }
          return;
        }
        const { core, close } = openCore(globals(), { sync: { run: true } });
        const off = core.events.on('status', (s) => {
          const line = {
            at: new Date().toISOString(),
            state: s.sync.state,
            message: s.sync.message,
            pending: s.outboxPending,
          };
          console.log(
            opts.json ? JSON.stringify(line) : `${line.at}  ${line.state}${line.message ? `  ${line.message}` : ''}`,
          );
        });
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        off();
        close();
      },
    );
}

/** `--devices` / `--forget-device ID`: the workspace's known devices, without syncing. */
async function devices(globals: GlobalOptions, opts: { json?: boolean; forgetDevice?: string }): Promise<void> {
  const { call, close } = openCore(globals, { sync: { run: false } });
  try {
    if (opts.forgetDevice) {
      const { forgotten } = await call('sync.forgetDevice', { deviceId: opts.forgetDevice });
      if (opts.json) console.log(JSON.stringify({ deviceId: opts.forgetDevice, forgotten }));
      else console.log(forgotten ? `Forgot device ${opts.forgetDevice}.` : `No device ${opts.forgetDevice} is known.`);
      if (!forgotten) process.exitCode = 1;
      return;
    }
    const list = await call('sync.devices', {});
    if (opts.json) console.log(JSON.stringify(list));
    else {
      for (const d of list) {
        console.log(
          `${d.deviceId}  pulled up to ${d.pulledSeq}  last seen ${d.lastSeen}${d.thisDevice ? '  (this device)' : ''}`,
        );
      }
    }
  } finally {
    close();
  }
}

/**
 * Crash tests: `TPJ_SYNC_KILL_AT=<failpoint>` kills this process (SIGKILL, no clean-up)
 * when sync reaches that point, as a power cut would; `TPJ_SYNC_BULK_MIN=<records>` sends
 * smaller outboxes through the bulk push so the same crashes reach it. Never set outside tests.
 */
function failpointFromEnv(): { failpoint?: (name: Failpoint) => void; bulkMinRecords?: number } {
  const at = process.env.TPJ_SYNC_KILL_AT;
  const bulk = Number(process.env.TPJ_SYNC_BULK_MIN);
  return {
    ...(Number.isInteger(bulk) && bulk > 0 ? { bulkMinRecords: bulk } : {}),
    ...(at
      ? {
          failpoint: (name: Failpoint) => {
            if (name === at) process.kill(process.pid, 'SIGKILL');
          },
        }
      : {}),
  };
}
