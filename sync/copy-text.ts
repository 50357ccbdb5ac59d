const SPECIAL = /[\\\t\n\r]/;

/** COPY's text format: backslash, tab, newline and carriage return escaped. */
export function escapeCopy(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
