import { brokerFormats } from './formats/index';
import type { BrokerFormat } from './types';

/** A format and how sure its detector is (0..1) that a file is in it. */
export type FormatMatch = { format: BrokerFormat; confidence: number };

/** How much decoded text detectors see: the start of the file is where every format shows itself. */
export const DETECT_SAMPLE_CHARS = 65_536;

/**
 * Formats that recognise the file, best first; formats answering 0 are left out.
 * Equal confidences keep registry order, so a dedicated reader beats the generic one.
 */
export function detectFormat(
  sample: string,
  fileName: string,
  formats: readonly BrokerFormat[] = brokerFormats,
): FormatMatch[] {
  const head = sample.length > DETECT_SAMPLE_CHARS ? sample.slice(0, DETECT_SAMPLE_CHARS) : sample;
  return formats
    .map((format) => ({ format, confidence: Math.min(1, Math.max(0, format.detect(head, fileName))) }))
    .filter((match) => match.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence);
}

/** The format with this id, for a trader who picks the format by hand. */
export function getFormat(id: string, formats: readonly BrokerFormat[] = brokerFormats): BrokerFormat | undefined {
  return formats.find((format) => format.id === id);
}

/** Formats that recognise a binary file (xlsx) from its first bytes, best first. */
export function detectBinaryFormat(
  head: Uint8Array,
  fileName: string,
  formats: readonly BrokerFormat[] = brokerFormats,
): FormatMatch[] {
  return formats
    .filter((format) => format.detectBytes !== undefined)
    .map((format) => ({ format, confidence: Math.min(1, Math.max(0, format.detectBytes?.(head, fileName) ?? 0)) }))
    .filter((match) => match.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence);
}
