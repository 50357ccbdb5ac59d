import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Handlers } from '../../../shared/contract';
import type { EventHub } from '../events';
import type { SettingsService } from '../journal/settings';
import type { Store } from '../journal/store';
import { AiSettingsService, envKeyStore, type KeyStore } from './ai-settings';
import { CoachService } from './coach-service';
import { createGeminiCoach } from './gemini';
import type { CoachExtras } from './gemini-prompt';
import type { ResilienceOptions } from './gemini-resilience';
import { ruleTexts } from '../journal/playbooks';

/** How the core reaches Gemini; every field has a default fit for the CLI and `tpj serve`. */
export type AiCoreOptions = {
  /** Default: GEMINI_API_KEY from the environment. The app passes its keychain-backed store. */
  keyStore?: KeyStore;
  /** Default: process.env (TPJ_GEMINI_BASE_URL). */
  env?: Readonly<Record<string, string | undefined>>;
  resilience?: Partial<ResilienceOptions>;
  /**
   * Ids of the trades most like one (the embeddings' similar-trades search), for the
   * Gemini coach's trade reviews. Without it, or when it fails, the prompt has none.
   */
  findSimilar?: (tradeId: string) => Promise<string[]>;
  /** How long embedding jobs wait after the write that asked for them (default 2 s; tests 0). */
  embedDelayMs?: number;
};

type CoachMethods = 'coach.ask' | 'coach.history' | 'ai.settings.get' | 'ai.settings.update' | 'ai.status' | 'ai.test';

/** The coach's and AI settings' handlers over one open journal. */
export function coachHandlers(
  deps: { store: Store; settings: SettingsService; events: EventHub; logger: Logger; now?: () => number },
  options: AiCoreOptions = {},
): Pick<Handlers, CoachMethods> {
  const aiSettings = new AiSettingsService(deps.store, options.env);
  const gemini = createGeminiCoach({
    settings: aiSettings,
    keyStore: options.keyStore ?? envKeyStore(options.env),
    readExtras: async (ask) => {
      const tradeId = ask.mode === 'trade' ? ask.tradeId : null;
      let similar: string[] = [];
      if (tradeId && options.findSimilar) {
        try {
          similar = await options.findSimilar(tradeId);
        } catch (error) {
          deps.logger.warn({ err: error }, 'similar trades unavailable for the coach prompt');
        }
      }
      return { ...readExtras(deps.store.db, tradeId), similar };
    },
    logger: deps.logger,
    ...(options.resilience ? { resilience: options.resilience } : {}),
    onProgress: (chars) => deps.events.emit('coach.progress', { chars }),
  });
  const coach = new CoachService(deps.store, deps.settings, deps.now, gemini);
  return {
    'coach.ask': (i) => coach.ask(i),
    'coach.history': (i) => coach.history(i),
    'ai.settings.get': () => aiSettings.get(),
    'ai.settings.update': (i) => aiSettings.update(i),
    'ai.status': () => gemini.status(),
    'ai.test': () => gemini.test(),
  };
}

/** Playbook rules, the trade's own notes and the five latest journal entries: small, and worth a mention to Gemini. */
function readExtras(db: Database, tradeId: string | null): Omit<CoachExtras, 'similar'> {
  const playbooks = (
    db.prepare(`SELECT name, rules FROM playbooks WHERE deleted_hlc IS NULL AND archived = 0`).all() as {
      name: string;
      rules: string;
    }[]
  ).map((p) => ({ name: p.name, rules: ruleTexts(p.rules) }));
  const entries = db
    .prepare(
      `SELECT day, title, body FROM journal_entries WHERE deleted_hlc IS NULL AND (title != '' OR body != '')
       ORDER BY trade_id IS NOT NULL AND trade_id = ? DESC, updated_at DESC LIMIT 5`,
    )
    .all(tradeId) as CoachExtras['entries'];
  return { playbooks, entries };
}
