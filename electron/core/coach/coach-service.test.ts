import { afterEach, describe, expect, it } from 'vitest';
import { countRows, tempCore } from '../../../tests/support/temp-core';
import { loadDemoJournal } from '../demo/load';

type TempCore = ReturnType<typeof tempCore>;

describe('coach handlers', () => {
  const open: TempCore[] = [];
  afterEach(() => open.splice(0).forEach((t) => t.dispose()));

  function demo(): TempCore {
    const t = tempCore();
    open.push(t);
    loadDemoJournal(t.core.store, { trades: 400, seed: 7, endDay: '2025-06-27' });
    return t;
  }

  it('reviews the demo week with figures, insights and citations of real trades', async () => {
    const t = demo();
    const reply = await t.call('coach.ask', { mode: 'week', date: '2025-06-25' });
    expect(reply.provider).toBe('local');
    expect(reply.answer).toContain('## Weekly review: 2025-06-23 to 2025-06-29');
    expect(reply.answer).toMatch(/\*\*Net P&L [+-][\d,.]+ USD\*\* over \d+ trades/);
    expect(reply.answer).toContain('### Against your previous 4 weeks');
    expect(reply.citations.length).toBeGreaterThanOrEqual(2);
    const known = t.core.store.db.prepare(`SELECT id FROM trades WHERE id = ?`).pluck();
    for (const c of reply.citations) expect(known.get(c.id)).toBe(c.id);
  });

  it('stores the question and the answer in one conversation and lists them oldest first', async () => {
    const t = demo();
    const first = await t.call('coach.ask', { mode: 'chat', question: 'What is my worst setup?' });
    const second = await t.call('coach.ask', {
      mode: 'chat',
      question: 'Am I revenge trading?',
      conversationId: first.conversationId,
    });
    const history = await t.call('coach.history', { conversationId: first.conversationId });
    expect(history.map((m) => [m.role, m.content.slice(0, 20)])).toEqual([
      ['user', 'What is my worst set'],
      ['coach', first.answer.slice(0, 20)],
      ['user', 'Am I revenge trading'],
      ['coach', second.answer.slice(0, 20)],
    ]);
    expect(history[3]?.citations).toEqual(second.citations);
    expect(history[3]?.provider).toBe('local');
    // Synced like every other entity: each message has its change-log record.
    const logged = t.core.store.db.prepare(`SELECT count(*) FROM outbox WHERE entity = 'coach_messages'`).pluck().get();
    expect(logged).toBe(4);
  });

  it('reviews one trade and refuses an unknown trade or a bad date without writing anything', async () => {
    const t = demo();
    const id = t.core.store.db.prepare(`SELECT id FROM trades WHERE status = 'closed' LIMIT 1`).pluck().get() as string;
    const review = await t.call('coach.ask', { mode: 'trade', tradeId: id });
    expect(review.answer).toContain(`(trade:${id})`);
    expect(review.citations[0]).toEqual({ kind: 'trade', id });
    const [asked] = await t.call('coach.history', { conversationId: review.conversationId });
    expect(asked?.content).toMatch(/^Review my \S+ (long|short) of \d+ \w{3} \d\d:\d\d\.$/);
    const before = countRows(t.core, 'coach_messages');
    const missing = await t.core.invoke('coach.ask', { mode: 'trade', tradeId: 'no-such-trade' });
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That trade no longer exists.' } });
    const badDate = await t.core.invoke('coach.ask', { mode: 'week', date: '2025-02-30' });
    expect(badDate.ok ? null : badDate.error.code).toBe('INVALID_INPUT');
    const empty = await t.core.invoke('coach.ask', { mode: 'chat', question: '   ' });
    expect(empty.ok ? null : empty.error.code).toBe('INVALID_INPUT');
    expect(countRows(t.core, 'coach_messages')).toBe(before);
  });

  it('answers in an empty journal without failing', async () => {
    const t = tempCore();
    open.push(t);
    const reply = await t.call('coach.ask', { mode: 'chat', question: 'How am I doing?' });
    expect(reply.answer).toContain('There are no closed trades yet');
    expect(await t.call('coach.history', {})).toHaveLength(2);
  });
});
