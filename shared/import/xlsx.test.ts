import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OWN_DIR } from '../../tests/fixtures/brokers/format-test-kit';
import { buildXlsx, mt5ReportSheet } from '../../tests/fixtures/brokers/make-mt5-xlsx';
import { decodeBytes } from './decode';
import { readXlsxSheets, sniffXlsxText, XlsxError } from './xlsx';

const fixture = readFileSync(`${OWN_DIR}mt5-report.xlsx`);
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet workbook from hand-written XML parts, for layouts buildXlsx does not write. */
function rawWorkbook(sheetData: string, parts: { shared?: string; styles?: string; workbookPr?: string } = {}) {
  return zipSync({
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<x:workbook xmlns:x="${NS}" xmlns:r="${REL}">${parts.workbookPr ?? ''}<x:sheets><x:sheet name="Deals &amp; more" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${REL}/worksheet" Target="sheets/../worksheets/data.xml"/><Relationship Id="rId8" Type="${REL}/sharedStrings" Target="strings.xml"/><Relationship Id="rId9" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/worksheets/data.xml': strToU8(
      `<x:worksheet xmlns:x="${NS}"><x:sheetData>${sheetData}</x:sheetData></x:worksheet>`,
    ),
    'xl/strings.xml': strToU8(`<sst xmlns="${NS}">${parts.shared ?? ''}</sst>`),
    'xl/styles.xml': strToU8(`<styleSheet xmlns="${NS}">${parts.styles ?? ''}</styleSheet>`),
  });
}

describe('readXlsxSheets on the MT5 fixture', () => {
  const [sheet] = readXlsxSheets(fixture);
  const row = (n: number) => sheet?.rows.find((r) => r.row === n)?.cells;

  it('reads shared strings, inline strings and numbers by sheet row and column', () => {
    expect(sheet?.name).toBe('Sheet1');
    expect(row(1)).toEqual(['Trade History Report']);
    // "Account:" in A3 (merged A3:D3), its value in E3.
    expect(row(3)).toEqual(['Account:', '', '', '', '51234567 (USD, ExampleMarkets-Live, real, Netting)']);
    // Row 36, deal 80000011: the time is an inline string, numbers were written with 17 digits
    // ("1.0851200000000001") and read back as Excel shows them.
    expect(row(36)).toEqual([
      '2024.03.04 09:30:05',
      '80000011',
      'EURUSD',
      'buy',
      'in',
      '1',
      '1.08512',
      '90000011',
      '-3.5',
      '0',
      '0',
      '0',
      '9996.5',
    ]);
    // Blank spacer rows have no cells and are left out.
    expect(row(6)).toBeUndefined();
  });

  it('matches what make-mt5-xlsx.ts writes from mt5-report.htm today', () => {
    const html = decodeBytes(readFileSync(`${OWN_DIR}mt5-report.htm`)).text;
    expect(readXlsxSheets(buildXlsx([mt5ReportSheet(html)]))).toEqual(readXlsxSheets(fixture));
  });
});

describe('readXlsxSheets on awkward workbooks', () => {
  it('keeps sheets in tab order, by name', () => {
    const book = buildXlsx([
      { name: 'Summary', rows: [['a']] },
      { name: 'Deals', rows: [[null, 'b']] },
    ]);
    expect(readXlsxSheets(book)).toEqual([
      { name: 'Summary', rows: [{ row: 1, cells: ['a'] }] },
      { name: 'Deals', rows: [{ row: 1, cells: ['', 'b'] }] },
    ]);
  });

  it('turns numbers in date formats into wall-clock text, in both date systems', () => {
    // 45355.4375 is 2024-03-04 10:30 (1900 system); 1462 days less in the 1904 system.
    const rows = [[{ serial: 45355.4375 }, { serial: 45355.43475694444 }, 45355.4375]];
    expect(readXlsxSheets(buildXlsx([{ name: 'S', rows }]))[0]?.rows[0]?.cells).toEqual([
      '2024-03-04 10:30:00',
      '2024-03-04 10:26:03',
      '45355.4375',
    ]);
    const in1904 = buildXlsx([{ name: 'S', rows: [[{ serial: 43893.4375 }]] }], { date1904: true });
    expect(readXlsxSheets(in1904)[0]?.rows[0]?.cells).toEqual(['2024-03-04 10:30:00']);
  });

  it('reads prefixed XML, rich text, phonetic hints, cell types and missing references', () => {
    const shared =
      '<si><t>plain</t></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ruby</t></rPh></si><si><t>line_x000D_break &amp; more</t></si>';
    const styles =
      '<numFmts><numFmt numFmtId="170" formatCode="[$-409]yyyy\\.mm\\.dd&quot; at &quot;hh:mm"/><numFmt numFmtId="171" formatCode="&quot;days&quot; 0.00"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="22"/></cellXfs>';
    const data = [
      '<x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>',
      '<x:row><x:c t="str"><x:f>A1&amp;"x"</x:f><x:v>plainx</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="inlineStr"><x:is><x:t xml:space="preserve"> padded </x:t></x:is></x:c></x:row>',
      '<x:row r="9"><x:c r="A9" s="1"><x:v>45355.5</x:v></x:c><x:c r="B9" s="2"><x:v>1.5</x:v></x:c><x:c r="C9" s="3"><x:v>45355</x:v></x:c><x:c r="AA9"><x:v>0.10000000000000001</x:v></x:c></x:row>',
    ].join('');
    const [sheet] = readXlsxSheets(rawWorkbook(data, { shared, styles }));
    expect(sheet?.name).toBe('Deals & more');
    expect(sheet?.rows.map((r) => r.row)).toEqual([2, 3, 9]);
    expect(sheet?.rows[0]?.cells).toEqual(['', 'rich text', 'line\rbreak & more', 'TRUE']);
    expect(sheet?.rows[1]?.cells).toEqual(['plainx', '#N/A', ' padded ']);
    const dated = sheet?.rows[2]?.cells ?? [];
    // A custom date format with a locale tag and quoted text; "days" 0.00 is a number format.
    expect([dated[0], dated[1], dated[2], dated[26]]).toEqual([
      '2024-03-04 12:00:00',
      '1.5',
      '2024-03-04 00:00:00',
      '0.1',
    ]);
  });

  it('keeps numbers as written up to Excel precision (15 digits), and rounds beyond it as Excel shows', () => {
    const values = ['1234567.12345678', '-2.5E-7', '1234567.123456789', '12345678901234567890'];
    const [sheet] = readXlsxSheets(rawWorkbook(`<row r="1">${values.map((v) => `<c><v>${v}</v></c>`).join('')}</row>`));
    expect(sheet?.rows[0]?.cells).toEqual(['1234567.12345678', '-2.5E-7', '1234567.12345679', '1.23456789012346e+19']);
  });

  it('throws XlsxError for bytes that are not a workbook', () => {
    expect(() => readXlsxSheets(strToU8('Date,Symbol\n'))).toThrow(XlsxError);
    expect(() => readXlsxSheets(zipSync({ 'notes.txt': strToU8('hi') }))).toThrow(/not an Excel workbook/);
    expect(() => readXlsxSheets(fixture.subarray(0, fixture.length - 30))).toThrow(XlsxError);
  });

  it('reads back any text and any number it is given', () => {
    const text = fc.string({ minLength: 1 }).filter((s) => !/_x[0-9a-f]{4}_/i.test(s));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        text,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (words, inline, number) => {
          const [sheet] = readXlsxSheets(buildXlsx([{ name: 'P', rows: [[...words, { inline }, number]] }]));
          const cells = sheet?.rows[0]?.cells ?? [];
          expect(cells.slice(0, words.length + 1)).toEqual([...words, inline]);
          expect(Number(cells[words.length + 1])).toBe(Number(number.toPrecision(15)));
        },
      ),
    );
  });
});

describe('sniffXlsxText', () => {
  it('finds the report title in the first bytes of the fixture', () => {
    expect(sniffXlsxText(fixture.subarray(0, 65536))).toContain('Trade History Report');
  });

  it('inflates as far as a cut-off head goes, and says "not xlsx" for other bytes', () => {
    const cut = sniffXlsxText(fixture.subarray(0, 400));
    expect(cut).not.toBeNull();
    expect(cut?.length).toBeGreaterThan(0);
    expect(sniffXlsxText(strToU8('PK\u0003\u0004 not really'))).toBeNull();
    expect(sniffXlsxText(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toBeNull();
    expect(sniffXlsxText(new Uint8Array())).toBeNull();
  });

  it('reads entries whose size comes after their data (streamed zips)', () => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((_error, chunk) => chunks.push(chunk));
    const entry = new ZipDeflate('xl/sharedStrings.xml', { level: 6 });
    zip.add(entry);
    entry.push(strToU8('<sst><si><t>Trade History Report</t></si></sst>'), true);
    zip.end();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((offset, c) => (bytes.set(c, offset), offset + c.length), 0);
    expect(sniffXlsxText(bytes)).toContain('Trade History Report');
  });
});
