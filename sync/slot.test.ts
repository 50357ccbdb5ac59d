import { describe, expect, it } from 'vitest';
import type { CloudConfig, SyncService } from './service';
import { SyncSlot } from './slot';

/** Records starts and stops in order; stop resolves on a later turn, as the real one does. */
function recorder() {
  const log: string[] = [];
  const make = (config: CloudConfig) => {
    const name = config.workspaceId;
    return {
      start: () => void log.push(`start ${name}`),
      stop: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`stop ${name}`);
      },
    } as unknown as SyncService;
  };
  return { log, make };
}

const config = (workspaceId: string): CloudConfig => ({ databaseUrl: 'postgres://h/db', workspaceId });

describe('SyncSlot', () => {
  it('stops the old service before the new one starts, in the order connections were entered', async () => {
    const { log, make } = recorder();
    const slot = new SyncSlot(make, config('a'), true);
    void slot.replace(config('b'));
    await slot.replace(null);
    expect(slot.service).toBeNull();
    await slot.replace(config('c'));
    expect(slot.config?.workspaceId).toBe('c');
    expect(log).toEqual(['start a', 'stop a', 'start b', 'stop b', 'start c']);
    await slot.close();
    expect(log.at(-1)).toBe('stop c');
  });

  it('does not start services when the journal does not sync by itself (one-shot CLI)', async () => {
    const { log, make } = recorder();
    const slot = new SyncSlot(make, config('a'), false);
    await slot.replace(config('b'));
    expect(log).toEqual(['stop a']);
    expect(slot.service).not.toBeNull();
  });
});
