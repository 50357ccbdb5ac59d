import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';

describe('journal services a trader uses every day', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('keeps one day entry per day and edits it in place', async () => {
    const entry = await t.call('journal.create', { kind: 'day', day: '2025-03-14', preMarket: 'CPI 8:30', mood: 4 });
    expect(entry).toMatchObject({ kind: 'day', day: '2025-03-14', preMarket: 'CPI 8:30', mood: 4, body: '' });
    const clash = await t.core.invoke('journal.create', { kind: 'day', day: '2025-03-14' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const edited = await t.call('journal.update', {
      id: entry.id,
      patch: { body: 'Followed the plan.', emotions: ['calm'] },
    });
    expect(edited).toMatchObject({ body: 'Followed the plan.', emotions: ['calm'], preMarket: 'CPI 8:30' });
    expect(edited.updatedAt).toBeGreaterThanOrEqual(entry.updatedAt);
    expect(await t.call('journal.list', { from: '2025-03-01', to: '2025-03-31' })).toHaveLength(1);
    expect(await t.call('journal.list', { from: '2025-04-01' })).toHaveLength(0);
  });

  it('stores playbooks with their rules and unlinks trades when one is deleted', async () => {
    await t.call('demo.load', { trades: 30, seed: 2 });
    const [playbook] = await t.call('playbooks.list', {});
    if (!playbook) throw new Error('demo has no playbooks');
    expect(playbook.rules.length).toBeGreaterThan(2);
    const linked = await t.call('trades.list', { filter: { playbookId: playbook.id } });
    expect(linked.total).toBeGreaterThan(0);
    await t.call('playbooks.delete', { id: playbook.id });
    expect((await t.call('trades.list', { filter: { playbookId: playbook.id } })).total).toBe(0);
    expect((await t.call('trades.list', {})).total).toBe(30);
    const archived = await t.call('playbooks.create', { name: 'Old setup', rules: [{ id: 'a', text: 'Wait' }] });
    await t.call('playbooks.update', { id: archived.id, patch: { archived: true } });
    expect((await t.call('playbooks.list', {})).map((p) => p.name)).not.toContain('Old setup');
    expect((await t.call('playbooks.list', { includeArchived: true })).map((p) => p.name)).toContain('Old setup');
  });

  it('refuses a second tag with the same name in any case', async () => {
    await t.call('tags.create', { name: 'FOMO' });
    expect(await t.core.invoke('tags.create', { name: 'fomo' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('stores attachments once per content and reads them back byte for byte', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const a = await t.call('attachments.add', {
      fileName: 'entry.png',
      mime: 'image/png',
      dataBase64: png.toString('base64'),
    });
    const b = await t.call('attachments.add', {
      fileName: 'copy.png',
      mime: 'image/png',
      dataBase64: png.toString('base64'),
    });
    expect(a.sha256).toBe(b.sha256);
    const file = join(t.dataDir, 'files', a.sha256);
    expect(readFileSync(file)).toEqual(png);
    const read = await t.call('attachments.read', { id: b.id });
    expect(Buffer.from(read.dataBase64, 'base64')).toEqual(png);
    await t.call('attachments.delete', { id: a.id });
    expect(existsSync(file)).toBe(true);
    expect((await t.call('attachments.list', {})).map((x) => x.fileName)).toEqual(['copy.png']);
  });

  it('keeps settings with sensible defaults', async () => {
    const defaults = await t.call('settings.get', {});
    expect(defaults).toMatchObject({ baseCurrency: 'USD', theme: 'system' });
    const changed = await t.call('settings.update', { patch: { theme: 'dark', displayTimeZone: 'Europe/Berlin' } });
    expect(changed).toMatchObject({ theme: 'dark', displayTimeZone: 'Europe/Berlin', baseCurrency: 'USD' });
    expect(await t.call('settings.get', {})).toEqual(changed);
  });

  it('deletes an account with everything recorded under it', async () => {
    await t.call('demo.load', { trades: 40, seed: 4 });
    const accounts = await t.call('accounts.list', {});
    const [gone, ...kept] = accounts;
    if (!gone) throw new Error('no accounts');
    const before = (await t.call('trades.list', {})).total;
    const own = (await t.call('trades.list', { filter: { accountIds: [gone.id] } })).total;
    const refused = await t.core.invoke('accounts.delete', { id: gone.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.call('trades.list', {})).total).toBe(before);
    expect(await t.call('accounts.delete', { id: gone.id, withTrades: true })).toEqual({ id: gone.id, trades: own });
    expect((await t.call('accounts.list', {})).map((a) => a.id)).toEqual(kept.map((a) => a.id));
    expect((await t.call('trades.list', {})).total).toBe(before - own);
    const status = await t.call('app.status', {});
    expect(status.counts).toMatchObject({ accounts: kept.length, trades: before - own });
  });
});
