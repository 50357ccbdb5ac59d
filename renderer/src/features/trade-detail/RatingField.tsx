import { useRef } from 'react';

const labels = ['Poor', 'Below plan', 'Fine', 'Good', 'Textbook'];

/** 1–5 stars as a radio group: arrows move, 1–5 set, 0 or Delete clears, clicking the set star clears it. */
export function RatingField({ value, onChange }: { value: number | null; onChange: (rating: number | null) => void }) {
  const group = useRef<HTMLDivElement>(null);
  const set = (rating: number | null) => {
    onChange(rating);
    const index = (rating ?? 1) - 1;
    group.current?.querySelectorAll<HTMLButtonElement>('button')[index]?.focus();
  };
  return (
    <div className="field trade-field">
      <span className="field__label" id="rating-label">
        Rating
      </span>
      <div
        ref={group}
        className="rating"
        role="radiogroup"
        aria-labelledby="rating-label"
        data-testid="rating"
        onKeyDown={(e) => {
          const now = value ?? 0;
          if (e.key === 'ArrowRight' || e.key === 'ArrowUp') set(Math.min(5, now + 1));
          else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') set(now <= 1 ? null : now - 1);
          else if (/^[1-5]$/.test(e.key)) set(Number(e.key));
          else if (e.key === '0' || e.key === 'Delete' || e.key === 'Backspace') set(null);
          else return;
          e.preventDefault();
        }}
      >
        {labels.map((label, i) => {
          const star = i + 1;
          const on = value !== null && star <= value;
          return (
            <button
              key={star}
              type="button"
              role="radio"
              aria-checked={value === star}
              aria-label={`${star} of 5: ${label}`}
              title={`${star}: ${label}`}
              tabIndex={(value ?? 1) === star ? 0 : -1}
              className={`rating__star${on ? ' rating__star--on' : ''}`}
              onClick={() => set(value === star ? null : star)}
            >
              ★
            </button>
          );
        })}
      </div>
      <span className="field__hint">{value === null ? 'Not rated' : labels[value - 1]}</span>
    </div>
  );
}
