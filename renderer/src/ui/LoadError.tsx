import type { AppError } from '../../../shared/contract';

type Props = { what: string; error: AppError | null; onRetry: () => void; testId?: string };

/** What could not be loaded, why, and "Try again" — never a blank space where the content was. */
export function LoadError({ what, error, onRetry, testId }: Props) {
  return (
    <section className="card card--padded" role="alert" data-testid={testId}>
      <p>
        {what}
        {error ? `: ${error.message}` : '.'}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
