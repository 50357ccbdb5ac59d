/**
 * Three-way merge of trader-written text, by lines (as diff3 does): the changes each
 * side made to the common base are applied together when they touch different lines.
 * When both sides changed the same lines differently, there is no merge, and the caller
 * keeps both versions visibly instead of dropping one (DESIGN §3).
 */
export type MergeResult = { clean: true; text: string } | { clean: false };

/** A change one side made: base lines [start, end) became `lines`. */
type Hunk = { start: number; end: number; lines: string[] };

/** Beyond this many lines per side the quadratic diff is not worth it: treat as a conflict. */
const MAX_LINES = 4_000;

export function merge3(base: string, ours: string, theirs: string): MergeResult {
  if (ours === theirs) return { clean: true, text: ours };
  if (ours === base) return { clean: true, text: theirs };
  if (theirs === base) return { clean: true, text: ours };
  const b = base.split('\n');
  const o = ours.split('\n');
  const t = theirs.split('\n');
  if (b.length > MAX_LINES || o.length > MAX_LINES || t.length > MAX_LINES) return { clean: false };
  const mine = hunks(b, o);
  const other = hunks(b, t);
  const all = [...mine.map((h) => ({ ...h, side: 0 })), ...other.map((h) => ({ ...h, side: 1 }))].sort(
    (x, y) => x.start - y.start || x.end - y.end || x.side - y.side,
  );
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < all.length; i++) {
    const h = all[i]!;
    const next = all[i + 1];
    if (next && touches(h, next)) {
      // Both sides changed the same stretch: fine only if they made the very same change.
      if (next.side !== h.side && next.start === h.start && next.end === h.end && same(next.lines, h.lines)) {
        all.splice(i + 1, 1);
      } else return { clean: false };
    }
    out.push(...b.slice(at, h.start), ...h.lines);
    at = h.end;
  }
  out.push(...b.slice(at));
  return { clean: true, text: out.join('\n') };
}

/**
 * Two changes collide when their base ranges overlap or meet (as in git, edits to
 * neighbouring lines are not merged silently), or both insert at the same place.
 */
function touches(a: Hunk, b: Hunk): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** The changes from `base` to `next`, from a longest common subsequence of lines. */
function hunks(base: string[], next: string[]): Hunk[] {
  const n = base.length;
  const m = next.length;
  // lcs[i][j]: LCS length of base[i..] and next[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        base[i] === next[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | null = null;
  while (i < n || j < m) {
    if (i < n && j < m && base[i] === next[j]) {
      if (open) out.push(open);
      open = null;
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      open ??= { start: i, end: i, lines: [] };
      open.lines.push(next[j]!);
      j++;
    } else {
      open ??= { start: i, end: i, lines: [] };
      open.end = ++i;
    }
  }
  if (open) out.push(open);
  return out;
}
