import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/import/csv';
import { lastRowEnd, streamRowBlocks } from './read-text';

/** The character-by-character reading lastRowEnd replaced: the reference it must agree with. */
function lastRowEndByChar(text: string): number {
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) last = i + 1;
  }
  return last;
}

const cell = fc.oneof(
  // No spaces: a last block of only whitespace is dropped, as a blank line is.
  fc.stringMatching(/^[a-z0-9.]{0,6}$/),
  // Quoted cells with delimiters, doubled quotes and line breaks inside.
  fc.stringMatching(/^[a-z,\n\r]{0,6}$/).map((s) => `"${s.replace(/a/g, '""')}"`),
);
const csvBody = fc
  .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 })
  .map((rows) => rows.map((r) => `${r.join(',')}\n`).join(''));

describe('cutting streamed text into blocks of whole rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tpj-read-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the same last row end as reading every character, quotes or not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a"\n,]{0,40}$/), (text) => {
        expect(lastRowEnd(text)).toBe(lastRowEndByChar(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('never splits a row, even when a quoted line break straddles a block boundary', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(csvBody, fc.integer({ min: 4, max: 64 }), async (body, blockChars) => {
        const path = join(dir, `f${file++}.csv`);
        writeFileSync(path, `h1,h2\n${body}`);
        const texts: string[] = [];
        for await (const block of streamRowBlocks(path, 'utf-8', new AbortController().signal, blockChars))
          if ('text' in block) texts.push(block.text);
        // Blank lines at the very end are not a row; the reader may leave them out.
        const withoutTrailingBlanks = (t: string) => t.replace(/\n+$/, '');
        expect(withoutTrailingBlanks(texts.join(''))).toBe(withoutTrailingBlanks(body));
        const rows = (t: string) => parseCsv(t, { delimiter: ',' }).rows.map((r) => r.fields);
        expect(texts.flatMap(rows)).toEqual(rows(body));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a note whose line break falls exactly on a block boundary in one row', async () => {
    const path = join(dir, 'straddle.csv');
    // Read 4 bytes at a time: the chunk 'h1,h2\nb,"x\n' ends just after the line break inside the quotes.
    const body = 'b,"x\ny"\nc,3\n';
    writeFileSync(path, `h1,h2\n${body}`);
    const texts: string[] = [];
    for await (const block of streamRowBlocks(path, 'utf-8', new AbortController().signal, 4))
      if ('text' in block) texts.push(block.text);
    expect(texts).toEqual(['b,"x\ny"\n', 'c,3\n']);
    expect(texts.flatMap((t) => parseCsv(t, { delimiter: ',' }).rows.map((r) => r.fields))).toEqual([
      ['b', 'x\ny'],
      ['c', '3'],
    ]);
  });
});
