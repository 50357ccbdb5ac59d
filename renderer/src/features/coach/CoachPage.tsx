import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, CoachAsk, CoachMessage, CoachMode, CoachReply } from '../../../../shared/contract';
import { client } from '../../client/client';
import { callQuietly } from '../../client/quiet-call';
import { formatDateTime } from '../../format/date';
import { useTimeZone } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { AskForm } from './AskForm';
import { Markdown } from './Markdown';
import { providerLine } from './provider-line';
import { useTradeParam } from './use-trade-param';

/** The coach: weekly and trade reviews and questions, by Gemini when set up, else offline. */
export function CoachPage() {
  const linked = useTradeParam();
  const [mode, setMode] = useState<CoachMode>(linked ? 'trade' : 'week');
  const [tradeId, setTradeId] = useState(linked ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const conversation = useRef<string | undefined>(undefined);
  const history = useRemote('coach.history', { limit: 60 }, ['coach_messages']);
  const aiStatus = useRemote('ai.status', {}, ['settings']);
  const [last, setLast] = useState<CoachReply | null>(null);
  const [streamed, setStreamed] = useState(0);
  useEffect(() => client.on('coach.progress', ({ chars }) => setStreamed(chars)), []);

  // The thread reloads by itself: the core announces the new coach_messages rows.
  const ask = useCallback(async (question: CoachAsk) => {
    setBusy(true);
    setStreamed(0);
    setProblem(null);
    const id = conversation.current;
    const result = await callQuietly('coach.ask', id === undefined ? question : { ...question, conversationId: id });
    setBusy(false);
    if (result.ok) {
      conversation.current = result.value.conversationId;
      setLast(result.value);
    } else setProblem(result.error);
  }, []);

  // A citation link (or "Review with coach") opens here with ?trade=<id>: review that trade
  // once, then drop the parameter so a reload or Back does not ask again. The ref also
  // covers StrictMode running effects twice in development.
  const reviewed = useRef<string | null>(null);
  useEffect(() => {
    if (!linked) {
      reviewed.current = null;
      return;
    }
    if (reviewed.current === linked) return;
    reviewed.current = linked;
    setMode('trade');
    setTradeId(linked);
    window.history.replaceState(null, '', '#/coach');
    void ask({ mode: 'trade', tradeId: linked });
  }, [linked, ask]);

  return (
    <>
      <PageHeader
        title="Coach"
        summary={
          <span>
            <span data-testid="coach-provider">{providerLine(aiStatus.value, last)}</span>. It answers from your own
            journal, citing the trades it used.
          </span>
        }
      />
      <AskForm
        mode={mode}
        onMode={setMode}
        tradeId={tradeId}
        onTradeId={setTradeId}
        busy={busy}
        onAsk={(q) => void ask(q)}
      />
      {problem && (
        <p className="coach-problem" role="alert" data-testid="coach-error">
          {problem.message}
        </p>
      )}
      <Conversation
        history={history.value}
        loading={history.loading}
        error={history.error}
        busy={busy}
        streamed={streamed}
        onRetry={history.reload}
      />
    </>
  );
}

type ConversationProps = {
  history: CoachMessage[] | undefined;
  loading: boolean;
  error: AppError | null;
  busy: boolean;
  /** Characters of Gemini's answer received so far (0 while none). */
  streamed: number;
  onRetry: () => void;
};

/** Earlier questions and answers, oldest first, the newest answer last and announced. */
function Conversation({ history, loading, error, busy, streamed, onRetry }: ConversationProps) {
  const timeZone = useTimeZone();
  const end = useRef<HTMLDivElement>(null);
  const count = history?.length ?? 0;
  // A block body: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [count]);
  if (history === undefined) {
    if (error) {
      return (
        <section className="card card--padded" role="alert">
          <p>The conversation could not be read: {error.message}</p>
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        </section>
      );
    }
    return loading ? <Loading label="Reading the conversation…" /> : null;
  }
  return (
    <section
      className="coach-thread"
      aria-label="Conversation with the coach"
      aria-live="polite"
      data-testid="coach-thread"
    >
      {history.length === 0 && !busy && (
        <p className="coach-empty" data-testid="coach-empty">
          No questions yet. Start with a weekly review, pick a trade to review, or ask about your setups, times of day,
          holding, revenge trading or position size.
        </p>
      )}
      {history.map((m) => (
        <article
          key={m.id}
          className={`coach-message coach-message--${m.role}`}
          data-testid={`coach-message-${m.role}`}
        >
          <header className="coach-message__meta">
            {m.role === 'user' ? 'You' : m.provider === 'gemini' ? 'Gemini' : 'Local coach'} ·{' '}
            {formatDateTime(m.createdAt, timeZone)}
          </header>
          {m.role === 'coach' ? <Markdown source={m.content} /> : <p>{m.content}</p>}
        </article>
      ))}
      {busy && (
        <Loading
          label={streamed > 0 ? `Gemini is writing… (${streamed} characters)` : 'The coach is reading your journal…'}
        />
      )}
      <div ref={end} />
    </section>
  );
}
