import { useId, useRef } from 'react';

const ratingWords = ['Poor', 'Below plan', 'Fine', 'Good', 'Textbook'];

type Props = {
  value: number | null;
  onChange: (rating: number | null) => void;
  /** What is scored ("Rating" of a trade, "Mood" of a day), its five words and the unset text. */
  label?: string;
  words?: readonly string[];
  unset?: string;
  testId?: string;
};

/** 1–5 stars as a radio group: arrows move, 1–5 set, 0 or Delete clears, clicking the set star clears it. */
export function RatingField(props: Props) {
  const { value, onChange, label = 'Rating', words = ratingWords, unset = 'Not rated', testId = 'rating' } = props;
  const group = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const set = (rating: number | null) => {
    onChange(rating);
    const index = (rating ?? 1) - 1;
    group.current?.querySelectorAll<HTMLButtonElement>('button')[index]?.focus();
  };
  return (
    <div className="field trade-field">
      <span className="field__label" id={labelId}>
        {label}
      </span>
      <div
        ref={group}
        className="rating"
        role="radiogroup"
        aria-labelledby={labelId}
        data-testid={testId}
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
        {words.map((word, i) => {
          const star = i + 1;
          const on = value !== null && star <= value;
          return (
            <button
              key={star}
              type="button"
              role="radio"
              aria-checked={value === star}
              aria-label={`${star} of 5: ${word}`}
              title={`${star}: ${word}`}
              tabIndex={(value ?? 1) === star ? 0 : -1}
              className={`rating__star${on ? ' rating__star--on' : ''}`}
              onClick={() => set(value === star ? null : star)}
            >
              ★
            </button>
          );
        })}
      </div>
      <span className="field__hint">{value === null ? unset : words[value - 1]}</span>
    </div>
  );
}
