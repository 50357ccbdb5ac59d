import type { GoogleGenAI } from '@google/genai';
import type { Logger } from 'pino';
import type { CoachAsk } from '../../../shared/contract';
import type { AiStatus, AiTestResult } from '../../../shared/contract/ai';
import type { AiSettingsService, KeyStore } from './ai-settings';
import { geminiClient } from './gemini-client';
import { buildPrompt, systemInstruction, validateCitations, type CoachExtras } from './gemini-prompt';
import {
  GeminiHttpError,
  GeminiMalformedError,
  defaultResilience,
  fallbackReasonOf,
  geminiPolicy,
  type ResilienceOptions,
} from './gemini-resilience';
import { localCoach, questionText, type CoachProvider, type ProviderAnswer } from './provider';
import type { CoachJournal } from './read-journal';

export type GeminiCoachOptions = {
  settings: AiSettingsService;
  keyStore: KeyStore;
  /** Playbook rules, journal entries and similar trades for the prompt; read per question. */
  readExtras: (ask: CoachAsk) => Promise<CoachExtras>;
  logger: Logger;
  resilience?: Partial<ResilienceOptions>;
  /** Characters of the answer received so far, while Gemini streams it. */
  onProgress?: (chars: number) => void;
};

export type GeminiCoach = CoachProvider & {
  status(): Promise<AiStatus>;
  test(): Promise<AiTestResult>;
};

/**
 * The coach that asks Gemini (streamed, with timeout, retries and a circuit breaker) and
 * answers with the local coach — saying why — whenever Gemini is off, keyless or failing.
 */
export function createGeminiCoach(options: GeminiCoachOptions): GeminiCoach {
  const resilience = { ...defaultResilience, ...options.resilience };
  const { policy } = geminiPolicy(resilience);
  const { settings, keyStore, logger } = options;

  async function answer(ask: CoachAsk, journal: CoachJournal): Promise<ProviderAnswer> {
    // The local answer comes first: it is the fallback, and Gemini's prompt is built on it.
    const local = await localCoach.answer(ask, journal);
    const ai = settings.get();
    if (ai.provider === 'local') return { ...local, provider: 'local' };
    const apiKey = await keyStore.getApiKey();
    if (!apiKey) return { ...local, provider: 'local', fallbackReason: 'no Gemini API key is set' };
    const prompt = buildPrompt(ask, questionText(ask, journal), journal, local, await options.readExtras(ask));
    const client = await geminiClient(apiKey, settings.effectiveBaseUrl(ai));
    const started = performance.now();
    try {
      const text = await policy.execute(({ signal }) =>
        streamText(client, ai.model, prompt, signal, options.onProgress),
      );
      const checked = validateCitations(text, new Set(journal.trades.map((t) => t.id)));
      logger.info(
        {
          provider: 'gemini',
          model: ai.model,
          ms: Math.round(performance.now() - started),
          citations: checked.citations.length,
        },
        'coach answered',
      );
      return { ...checked, insights: local.insights, provider: 'gemini', model: ai.model };
    } catch (error) {
      const reason = fallbackReasonOf(error);
      logger.warn(
        {
          provider: 'gemini',
          model: ai.model,
          reason,
          status: error instanceof GeminiHttpError ? error.status : undefined,
          error: scrub(error, apiKey),
        },
        'coach fell back to the local provider',
      );
      return { ...local, provider: 'local', fallbackReason: reason };
    }
  }

  async function status(): Promise<AiStatus> {
    const ai = settings.get();
    const keySet = Boolean(await keyStore.getApiKey());
    const reason =
      ai.provider === 'local' ? 'Gemini is turned off in Settings' : keySet ? null : 'no Gemini API key is set';
    return {
      ...ai,
      keySet,
      effectiveBaseUrl: settings.effectiveBaseUrl(ai),
      activeProvider: reason === null ? 'gemini' : 'local',
      reason,
    };
  }

  /** One unretried `models.get` with the per-attempt timeout: is the endpoint there, and how fast. */
  async function test(): Promise<AiTestResult> {
    const ai = settings.get();
    const apiKey = await keyStore.getApiKey();
    if (!apiKey) return { keySet: false, reachable: false, latencyMs: null, error: 'no Gemini API key is set' };
    const client = await geminiClient(apiKey, settings.effectiveBaseUrl(ai));
    const signal = AbortSignal.timeout(resilience.timeoutMs);
    const started = performance.now();
    try {
      await client.models.get({ model: ai.model, config: { abortSignal: signal } });
      return { keySet: true, reachable: true, latencyMs: Math.round(performance.now() - started), error: null };
    } catch (error) {
      const reason = signal.aborted ? 'Gemini did not answer in time' : fallbackReasonOf(error);
      logger.warn({ provider: 'gemini', model: ai.model, reason, error: scrub(error, apiKey) }, 'gemini test failed');
      return { keySet: true, reachable: false, latencyMs: null, error: reason };
    }
  }

  return { name: 'gemini', answer, status, test };
}

async function streamText(
  client: GoogleGenAI,
  model: string,
  prompt: string,
  signal: AbortSignal,
  onProgress?: (chars: number) => void,
): Promise<string> {
  let text = '';
  try {
    const stream = await client.models.generateContentStream({
      model,
      contents: prompt,
      config: { systemInstruction, temperature: 0.4, abortSignal: signal },
    });
    for await (const chunk of stream) {
      text += chunk.candidates?.[0]?.content?.parts?.map((p) => p.text ?? '').join('') ?? '';
      onProgress?.(text.length);
    }
  } catch (error) {
    if (error instanceof SyntaxError) throw new GeminiMalformedError(error.message);
    throw error;
  }
  if (text.trim() === '') throw new GeminiMalformedError('the answer was empty');
  return text;
}

/** An error as loggable text with the key cut out, should anything ever echo it. */
function scrub(error: unknown, apiKey: string): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split(apiKey).join('[redacted]').slice(0, 500);
}
