import { useMemo } from 'react';
import type { DailyPnl } from '../../../../shared/domain/stats';
import { formatDay } from '../../format/date';
import { formatMoney, toneOf } from '../../format/money';
import { intensity, monthGrid, monthTitle, monthTotals, shiftMonth, type Month } from './calendar';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const count = new Intl.NumberFormat();

type Props = {
  month: Month;
  daily: readonly DailyPnl[];
  currency: string;
  onMonth: (month: Month) => void;
  onDay: (day: string) => void;
  /** What opening a day does, for screen readers ("Show these trades."). */
  dayAction?: string;
  /** Days without trades open too (the journal writes notes on any day). */
  openEveryDay?: boolean;
  /** Days that have a journal entry, marked with a dot. */
  noted?: ReadonlySet<string>;
};

/** Net P&L per day of one month, by closing day in the display time zone; a day opens its trades (or its journal page). */
export function PnlCalendar(props: Props) {
  const {
    month,
    daily,
    currency,
    onMonth,
    onDay,
    dayAction = 'Show these trades.',
    openEveryDay = false,
    noted,
  } = props;
  const weeks = useMemo(() => monthGrid(month, daily), [month, daily]);
  const totals = monthTotals(weeks);
  const title = monthTitle(month);
  return (
    <section className="card" aria-labelledby="calendar-title" data-testid="pnl-calendar">
      <header className="card__header">
        <h2 id="calendar-title" data-testid="calendar-month">
          {title}
        </h2>
        <div className="calendar__nav">
          <span className="cell-muted" data-testid="calendar-total">
            {totals.days === 0
              ? 'No trades closed'
              : `${formatMoney(totals.net.toFixed(2), currency)} over ${count.format(totals.days)} days`}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => onMonth(shiftMonth(month, -1))}
            aria-label="Previous month"
          >
            ←
          </button>
          <button
            type="button"
            className="button"
            onClick={() => onMonth(shiftMonth(month, 1))}
            aria-label="Next month"
          >
            →
          </button>
        </div>
      </header>
      <table className="calendar">
        <caption className="visually-hidden">Net P&amp;L per day in {title}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.day}>
              {week.map((cell) => {
                const dayNumber = Number(cell.day.slice(8));
                if (!cell.inMonth) return <td key={cell.day} className="calendar__cell calendar__cell--out" />;
                const note = noted?.has(cell.day) ? (
                  <span className="calendar__note" title="Journal entry written">
                    ●<span className="visually-hidden"> Journal entry written.</span>
                  </span>
                ) : null;
                if (cell.pnl === null) {
                  return (
                    <td key={cell.day} className="calendar__cell">
                      {openEveryDay ? (
                        <button
                          type="button"
                          className="calendar__day calendar__day--flat calendar__day--empty"
                          onClick={() => onDay(cell.day)}
                          aria-label={`${formatDay(cell.day)}: no trades closed. ${dayAction}`}
                          data-testid={`calendar-day-${cell.day}`}
                        >
                          <span className="calendar__date">{dayNumber}</span>
                          {note}
                        </button>
                      ) : (
                        <span className="calendar__date">{dayNumber}</span>
                      )}
                    </td>
                  );
                }
                const tone = toneOf(cell.pnl.netPnl);
                const money = formatMoney(cell.pnl.netPnl, currency);
                const strength = Math.round(15 + 55 * intensity(cell.pnl, totals.largest));
                return (
                  <td key={cell.day} className="calendar__cell">
                    <button
                      type="button"
                      className={`calendar__day calendar__day--${tone}`}
                      style={{ ['--strength' as string]: `${strength}%` }}
                      onClick={() => onDay(cell.day)}
                      aria-label={`${formatDay(cell.day)}: ${money} over ${cell.pnl.trades} trades. ${dayAction}`}
                      data-testid={`calendar-day-${cell.day}`}
                    >
                      <span className="calendar__date">{dayNumber}</span>
                      <span className="calendar__pnl">{money}</span>
                      <span className="calendar__trades">{cell.pnl.trades} tr.</span>
                      {note}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
