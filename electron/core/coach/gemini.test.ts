import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiDouble, type GeminiDouble } from '../../../tests/support/gemini-double';
import { tempCore } from '../../../tests/support/temp-core';
import { loadDemoJournal } from '../demo/load';
import type { ResilienceOptions } from './gemini-resilience';

const KEY = 'test-key-AIzaSyDOUBLE-0123456789';
type TempCore = ReturnType<typeof tempCore>;

/** Short, test-sized resilience settings; behaviour is asserted by request counts, never by time. */
const fast: Partial<ResilienceOptions> = {
  timeoutMs: 2_000,
  retries: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 1_500,
  breakerFailures: 50,
  breakerOpenMs: 60_000,
};

describe('Gemini coach against the loopback double', () => {
  const open: TempCore[] = [];
  const doubles: GeminiDouble[] = [];
  let logLines: string[] = [];
  afterEach(async () => {
    open.splice(0).forEach((t) => t.dispose());
    await Promise.all(doubles.splice(0).map((d) => d.close()));
    logLines = [];
  });

  async function setup(
    options: { key?: string | null; resilience?: Partial<ResilienceOptions>; baseUrl?: string } = {},
  ): Promise<{ t: TempCore; double: GeminiDouble }> {
    const double = await startGeminiDouble(KEY);
    doubles.push(double);
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    const key = options.key === undefined ? KEY : options.key;
    const t = tempCore({
      logger,
      ai: {
        keyStore: { getApiKey: () => key },
        env: { TPJ_GEMINI_BASE_URL: options.baseUrl ?? double.baseUrl },
        resilience: { ...fast, ...options.resilience },
      },
    });
    open.push(t);
    loadDemoJournal(t.core.store, { trades: 300, seed: 11, endDay: '2025-06-27' });
    return { t, double };
  }

  const ask = (t: TempCore) => t.call('coach.ask', { mode: 'chat', question: 'What is my worst setup?' });
  const streamCalls = (d: GeminiDouble) => d.requests.filter((r) => r.path.endsWith(':streamGenerateContent'));

  it('streams an answer from Gemini, keeps real trade links and drops invented ones', async () => {
    const { t, double } = await setup();
    const real = t.core.store.db.prepare(`SELECT id FROM trades ORDER BY opened_at LIMIT 1`).pluck().get() as string;
    double.answerText = `Your losers cluster in one setup, e.g. [this ES short](trade:${real}) and [a trade I made up](trade:no-such-trade).`;
    const progress: number[] = [];
    const off = t.core.events.on('coach.progress', (p) => progress.push(p.chars));
    const reply = await ask(t);
    off();

    expect(reply.provider).toBe('gemini');
    expect(reply.model).toBe('gemini-2.5-flash');
    expect(reply.fallbackReason).toBeUndefined();
    expect(reply.answer).toContain(`[this ES short](trade:${real})`);
    expect(reply.answer).toContain('a trade I made up');
    expect(reply.answer).not.toContain('no-such-trade');
    expect(reply.citations).toEqual([{ kind: 'trade', id: real }]);
    expect(progress.at(-1)).toBe(double.answerText.length);
    expect(progress.length).toBeGreaterThan(1);

    const [call] = streamCalls(double);
    expect(call?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(call?.search).toBe('?alt=sse');
    expect(call?.apiKey).toBe(KEY);
    // The prompt carries the question, the local findings and the trades they cite.
    const prompt = JSON.stringify(call?.body);
    expect(prompt).toContain('What is my worst setup?');
    expect(prompt).toContain('LOCAL ANALYSIS');
    expect(prompt).toMatch(/trade:[\w-]+\)/);

    const history = await t.call('coach.history', { conversationId: reply.conversationId });
    expect(history.map((m) => m.provider)).toEqual([null, 'gemini']);
  });

  it("grounds a week review on that week's figures and a trade review on the trade itself", async () => {
    const { t, double } = await setup();
    const week = await t.call('coach.ask', { mode: 'week', date: '2025-06-25' });
    expect(week.provider).toBe('gemini');
    expect(JSON.stringify(streamCalls(double)[0]?.body)).toContain('STATS (trades closed 2025-06-23 to 2025-06-29');
    const id = t.core.store.db.prepare(`SELECT id FROM trades ORDER BY opened_at DESC LIMIT 1`).pluck().get() as string;
    await t.call('coach.ask', { mode: 'trade', tradeId: id });
    const prompt = JSON.stringify(streamCalls(double)[1]?.body);
    expect(prompt).toContain('STATS (all trades');
    expect(prompt).toContain(`\\n${id} | [`);
  });

  it('gives a trade review the past trades most like it (by embedding), citable as links', async () => {
    const { t, double } = await setup();
    await t.core.embeddings.embedAll();
    const id = t.core.store.db.prepare(`SELECT id FROM trades ORDER BY opened_at DESC LIMIT 1`).pluck().get() as string;
    const similar = (await t.call('embeddings.similar', { tradeId: id, k: 5 })).items.map((i) => i.trade.id);
    expect(similar.length).toBeGreaterThan(0);
    await t.call('coach.ask', { mode: 'trade', tradeId: id });
    const prompt = JSON.stringify(streamCalls(double)[0]?.body);
    const section = /SIMILAR PAST TRADES[^:]*:((?:\\n- [\w-]+)+)/.exec(prompt);
    expect(section?.[1]?.split('\\n- ').filter(Boolean)).toEqual(similar);
    // Each is in the TRADES list, so Gemini can link it and the link survives the citation check.
    for (const s of similar) expect(prompt).toContain(`\\n${s} | [`);
  }, 60_000);

  it('answers locally without a key and never calls Gemini', async () => {
    const { t, double } = await setup({ key: null });
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBe('no Gemini API key is set');
    expect(reply.answer.length).toBeGreaterThan(20);
    expect(double.requests).toHaveLength(0);
  });

  it('stays local without a reason when the trader chose the local coach', async () => {
    const { t, double } = await setup();
    await t.call('ai.settings.update', { patch: { provider: 'local' } });
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBeUndefined();
    expect(double.requests).toHaveLength(0);
  });

  it('retries a server error, then falls back to the local coach saying so', async () => {
    const { t, double } = await setup();
    double.always = { kind: 'error500' };
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBe('Gemini had a server error (HTTP 500)');
    expect(streamCalls(double)).toHaveLength(3);
  });

  it('waits out a 429 with Retry-After and then answers with Gemini', async () => {
    const { t, double } = await setup();
    double.answerText = 'All good.';
    double.queue({ kind: 'rateLimited', retryAfterSeconds: 1 });
    const reply = await ask(t);
    expect(reply.provider).toBe('gemini');
    expect(reply.answer).toBe('All good.');
    expect(streamCalls(double)).toHaveLength(2);
  });

  it('does not wait for a Retry-After longer than allowed: the local coach answers at once', async () => {
    const { t, double } = await setup();
    double.always = { kind: 'rateLimited', retryAfterSeconds: 120 };
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBe('Gemini is rate-limiting requests; try again later');
    expect(streamCalls(double)).toHaveLength(1);
  });

  it('gives up on a slow Gemini after the timeout', async () => {
    const { t, double } = await setup({ resilience: { timeoutMs: 150, retries: 1 } });
    double.always = { kind: 'slow', delayMs: 5_000 };
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBe('Gemini did not answer in time');
    expect(streamCalls(double)).toHaveLength(2);
  });

  it('falls back on a response that is not JSON, without retrying it', async () => {
    const { t, double } = await setup();
    double.always = { kind: 'malformed' };
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBe('Gemini sent a response that could not be read');
    expect(streamCalls(double)).toHaveLength(1);
  });

  it('opens the breaker after consecutive failures and stops calling Gemini', async () => {
    const { t, double } = await setup({ resilience: { retries: 0, breakerFailures: 3 } });
    double.always = { kind: 'error500' };
    for (let i = 0; i < 3; i++) expect((await ask(t)).fallbackReason).toBe('Gemini had a server error (HTTP 500)');
    expect(streamCalls(double)).toHaveLength(3);
    double.always = { kind: 'ok' };
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBe('Gemini failed several times in a row, so it is paused for a while');
    expect(streamCalls(double)).toHaveLength(3);
  });

  it('says Gemini cannot be reached when nothing listens at the base URL', async () => {
    const gone = await startGeminiDouble(KEY);
    const deadUrl = gone.baseUrl;
    await gone.close();
    const { t } = await setup({ baseUrl: deadUrl, resilience: { retries: 1 } });
    const reply = await ask(t);
    expect(reply.provider).toBe('local');
    expect(reply.fallbackReason).toBe('Gemini could not be reached (network)');
  });

  it('reports a refused key, and never writes the key to the log', async () => {
    const { t, double } = await setup({ key: `${KEY}-wrong` });
    const reply = await ask(t);
    expect(reply.fallbackReason).toBe('Gemini refused the request (HTTP 400); check the API key and model');
    expect(double.requests[0]?.apiKey).toBe(`${KEY}-wrong`);
    double.always = { kind: 'error500' };
    await ask(t);
    await t.call('ai.test', {});
    const log = logLines.join('\n');
    expect(log).toContain('coach fell back to the local provider');
    expect(log).not.toContain(KEY);
  });
});
