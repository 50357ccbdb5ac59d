import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, findHeaderRow, headerMatchScore, isBlankRow, parseCsv, type CsvDelimiter } from './csv';

const fields = (text: string) => parseCsv(text).rows.map((row) => row.fields);

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and newlines, keeping 1-based start lines', () => {
    const table = parseCsv('a,b,c\n"1,5","say ""hi""","two\nlines"\nx,y,z\n');
    expect(table.rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1,5', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['x', 'y', 'z'] },
    ]);
  });

  it('strips a BOM and accepts CRLF, LF and bare CR line ends', () => {
    expect(fields('\ufeffa,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a\r\n\r\nb\n\nc').rows.map((row) => row.line)).toEqual([1, 3, 5]);
  });

  it('keeps the empty field a trailing delimiter makes, and reads a last line with no newline', () => {
    expect(fields('a,b,\n1,2,')).toEqual([
      ['a', 'b', ''],
      ['1', '2', ''],
    ]);
  });

  it('drops empty lines (trailing ones included) but keeps rows of bare delimiters', () => {
    expect(fields('a,b\n\n,\n1,2\n\n\n')).toEqual([
      ['a', 'b'],
      ['', ''],
      ['1', '2'],
    ]);
  });

  it('keeps text after a closing quote and runs an unterminated quote to the end', () => {
    expect(fields('"ab"cd,e\n"open,x')).toEqual([['abcd', 'e'], ['open,x']]);
  });

  it('counts lines through a quoted CRLF', () => {
    expect(parseCsv('"a\r\nb",c\r\nd\r\n').rows.map((row) => row.line)).toEqual([1, 3]);
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', ';', '"', '\n', '\r\n', '$', 'é') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (rows, delimiter) => {
        const quote = (value: string) =>
          /[",;\t\r\n]/.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value;
        const text = rows.map((row) => row.map(quote).join(delimiter)).join('\r\n');
        expect(parseCsv(text, { delimiter }).rows.map((row) => row.fields)).toEqual(rows);
      }),
    );
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits every line the same way', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('a,b,c\n"x;y",2,3')).toBe(',');
    expect(detectDelimiter('just one column')).toBe(',');
  });
});

describe('header helpers', () => {
  const rows = parseCsv('Report title,,\n,,\n Exec  Time ,SIDE,Qty\n1,2,3').rows;

  it('finds a header below title lines, matching names loosely', () => {
    const header = findHeaderRow(rows, ['exec time', 'Side']);
    expect(header?.index).toBe(2);
    expect(header?.columns.get('qty')).toBe(2);
    expect(findHeaderRow(rows, ['Price'])).toBeNull();
  });

  it('scores the share of wanted columns in the best row', () => {
    expect(headerMatchScore('a,b\nExec Time,Side,Qty', ['exec time', 'side', 'qty', 'price'])).toBe(0.75);
  });

  it('calls rows of empty or blank cells blank', () => {
    expect(isBlankRow(['', ' '])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});
