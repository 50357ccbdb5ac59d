import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CoachAsk, CoachMode } from '../../../../shared/contract';
import { formatDate } from '../../format/date';
import { formatMoney } from '../../format/money';
import { useRemote } from '../../state/use-remote';
import { useTimeZone } from '../../state/journal-store';

const MODES: { id: CoachMode; label: string }[] = [
  { id: 'week', label: 'Weekly review' },
  { id: 'trade', label: 'Review a trade' },
  { id: 'chat', label: 'Ask' },
];

type Props = {
  mode: CoachMode;
  onMode: (mode: CoachMode) => void;
  tradeId: string;
  onTradeId: (id: string) => void;
  busy: boolean;
  onAsk: (ask: CoachAsk) => void;
};

/** The mode picker (arrow keys move between tabs) and the form of the chosen mode. */
export function AskForm({ mode, onMode, tradeId, onTradeId, busy, onAsk }: Props) {
  const [date, setDate] = useState(today);
  const [question, setQuestion] = useState('');

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const at = MODES.findIndex((m) => m.id === mode);
    const next = MODES[(at + (e.key === 'ArrowRight' ? 1 : MODES.length - 1)) % MODES.length];
    if (next) {
      onMode(next.id);
      document.getElementById(`coach-tab-${next.id}`)?.focus();
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (mode === 'week' && date) onAsk({ mode: 'week', date });
    if (mode === 'trade' && tradeId) onAsk({ mode: 'trade', tradeId });
    if (mode === 'chat' && question.trim()) onAsk({ mode: 'chat', question: question.trim() });
  };

  return (
    <section className="card coach-ask">
      <div className="tabs" role="tablist" aria-label="What to ask the coach" onKeyDown={onTabKey}>
        {MODES.map((m) => (
          <button
            key={m.id}
            id={`coach-tab-${m.id}`}
            type="button"
            role="tab"
            className="tabs__tab"
            aria-selected={mode === m.id}
            tabIndex={mode === m.id ? 0 : -1}
            onClick={() => onMode(m.id)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <form className="coach-ask__form" onSubmit={submit} role="tabpanel" aria-labelledby={`coach-tab-${mode}`}>
        {mode === 'week' && (
          <label className="field">
            <span className="field__label">A day in the week</span>
            <input
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              required
              data-testid="coach-week"
            />
          </label>
        )}
        {mode === 'trade' && <TradePicker value={tradeId} onChange={onTradeId} />}
        {mode === 'chat' && (
          <label className="field coach-ask__question">
            <span className="field__label">Your question</span>
            <input
              type="text"
              value={question}
              maxLength={2000}
              placeholder="What is my worst setup? Am I revenge trading? When do I trade best?"
              onChange={(e) => setQuestion(e.target.value)}
              data-testid="coach-question"
            />
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={busy} data-testid="coach-submit">
          {busy ? 'Thinking…' : mode === 'chat' ? 'Ask' : 'Review'}
        </button>
      </form>
    </section>
  );
}

/** Today's date on this computer's calendar, as the date field wants it. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The latest trades to pick from; a trade opened by link is kept even if it is older. */
function TradePicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const timeZone = useTimeZone();
  const trades = useRemote('trades.list', { limit: 100 }, ['trades']);
  const items = trades.value?.items ?? [];
  const known = items.some((t) => t.id === value);
  return (
    <label className="field coach-ask__trade">
      <span className="field__label">Trade</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} required data-testid="coach-trade">
        <option value="">{trades.loading && !trades.value ? 'Loading trades…' : 'Choose a trade'}</option>
        {value && !known && <option value={value}>The linked trade</option>}
        {items.map((t) => (
          <option key={t.id} value={t.id}>
            {formatDate(t.openedAt, timeZone)} {t.symbol} {t.side} {formatMoney(t.netPnl, t.currency)}
          </option>
        ))}
      </select>
    </label>
  );
}
