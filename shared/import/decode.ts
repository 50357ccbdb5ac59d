/**
 * Broker files arrive as bytes in whatever encoding the platform wrote: MetaTrader writes
 * UTF-16LE with a BOM, thinkorswim UTF-8 with a BOM, most others plain UTF-8 or an ANSI
 * code page. This turns them into text before any format sees them.
 */

// lib ES2023 has no TextDecoder; it is a WHATWG API present in Node and every browser.
type TextDecoderLike = { decode(input: Uint8Array): string };
declare const TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
type DecoderLabel = Exclude<TextEncodingName, 'windows-1252'>;

/** Decoded file text, without any byte-order mark, and the encoding that was used. */
export type DecodedText = {
  text: string;
  encoding: TextEncodingName;
  /** True when the file started with a byte-order mark. */
  bom: boolean;
};

/** How many leading bytes the UTF-16 guess looks at; enough for any header row. */
const SNIFF_BYTES = 4096;

/** Turns the bytes of a broker file into text (BOM, UTF-16 without BOM, UTF-8, else Windows-1252). */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeAs('utf-8', bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return { text: decodeAs('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { text: decodeAs('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16 !== null) return { text: decodeAs(utf16, bytes), encoding: utf16, bom: false };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
      bom: false,
    };
  } catch {
    // Not valid UTF-8: older Windows platforms export in the ANSI code page. Windows-1252
    // maps every byte, so this cannot fail and keeps accented names readable.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Decoded by hand because Node
// builds without full ICU decode 'windows-1252' as Latin-1 and lose the euro sign.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (b) =>
      b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] ?? b) : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function decodeAs(encoding: DecoderLabel, bytes: Uint8Array): string {
  // ignoreBOM: a BOM we did not strip ourselves is data, not a marker.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/**
 * Text files in UTF-16 without a BOM are mostly ASCII, so every other byte is zero: the
 * high byte, second in little-endian and first in big-endian. UTF-8 text has no zero bytes.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (length < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = length / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}
