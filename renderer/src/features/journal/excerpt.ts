/** A short plain-text preview of a markdown note (the full editor comes later). */
export function excerpt(markdown: string, max = 280): string {
  const plain = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links keep their text
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '') // headings, quotes, list markers
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** The five moods, 1 to 5. */
export const moods = ['Rough', 'Uneasy', 'Neutral', 'Good', 'Great'] as const;

/** Mood 1–5 in a word. */
export function moodWord(mood: number): string {
  return moods[mood - 1] ?? `Mood ${mood}`;
}
