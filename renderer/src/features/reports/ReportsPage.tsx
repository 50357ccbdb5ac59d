import { ComingSoon } from '../../ui/ComingSoon';

export function ReportsPage() {
  return (
    <ComingSoon title="Reports">
      <p>
        Reports — P&amp;L over time, win rate, expectancy and breakdowns by symbol, setup, tag and time of day — arrive
        in a coming version. Your trades are already stored in full, so the reports will cover your whole history.
      </p>
    </ComingSoon>
  );
}
