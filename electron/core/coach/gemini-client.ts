import type { GoogleGenAI } from '@google/genai';
import { GeminiHttpError, parseRetryAfter } from './gemini-resilience';

/**
 * A Gemini client whose fetch turns non-2xx answers into GeminiHttpError, keeping
 * Retry-After (the SDK's own error drops the headers). The SDK's retries stay off:
 * cockatiel owns retry, timeout and breaking. The SDK is loaded on first use: importing it
 * costs ~110 ms, which the core's start-up (and every journal without a key) should not pay.
 */
export async function geminiClient(apiKey: string, baseUrl: string): Promise<GoogleGenAI> {
  const { GoogleGenAI } = await import('@google/genai');
  const checkedFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok) return response;
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    throw new GeminiHttpError(response.status, parseRetryAfter(response.headers.get('retry-after')), detail);
  };
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl, fetch: checkedFetch } });
}
