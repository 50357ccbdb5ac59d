import { describe, expect, it } from 'vitest';
import { excerpt, moodWord } from './excerpt';

describe('journal previews', () => {
  it('shows markdown as plain words', () => {
    expect(excerpt('## Plan\n- Wait for the **open** range\n- See [notes](http://x)')).toBe(
      'Plan Wait for the open range See notes',
    );
  });

  it('cuts long notes at a word with an ellipsis', () => {
    const text = excerpt('word '.repeat(100), 22);
    expect(text).toBe('word word word word…');
  });

  it('names moods', () => {
    expect(moodWord(1)).toBe('Rough');
    expect(moodWord(5)).toBe('Great');
    expect(moodWord(9)).toBe('Mood 9');
  });
});
