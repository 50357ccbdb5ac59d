import type { EventMap } from '../../../../shared/contract';
import { countText } from '../../format/status';

/** Zones traders' brokers write in most often; the display zone and the current choice join them. */
const COMMON_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Zurich',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
];

/** The time zone select of an import: the display zone first, then the common zones. */
export function importZoneChoices(displayZone: string, current: string | null): string[] {
  const zones = [displayZone, ...COMMON_ZONES];
  if (current !== null) zones.push(current);
  return [...new Set(zones)];
}

/** "95% sure" / "unsure" for a detected format's confidence (0..1). */
export function confidenceText(confidence: number): string {
  const percent = `${Math.round(confidence * 100)}%`;
  if (confidence >= 0.8) return `${percent} sure`;
  if (confidence >= 0.5) return `${percent}, likely`;
  return `${percent}, unsure`;
}

const phases: Record<EventMap['import.progress']['phase'], string> = {
  reading: 'Reading',
  grouping: 'Grouping into trades',
  writing: 'Writing',
  done: 'Finishing',
};

/** "Reading… 42%"; a phase with no known total shows no percentage. */
export function progressText(progress: EventMap['import.progress'] | null, fallback: string): string {
  if (progress === null) return `${fallback}…`;
  const label = `${phases[progress.phase]}…`;
  const percent = progressPercent(progress);
  return percent === null ? label : `${label} ${percent}%`;
}

/** 0–100, or null when the core does not know the total yet. */
export function progressPercent(progress: EventMap['import.progress'] | null): number | null {
  if (progress === null || progress.total <= 0) return null;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}

/** "7 new executions", "1 new execution". */
export function executionsText(count: number, adjective = ''): string {
  const word = adjective === '' ? 'execution' : `${adjective} execution`;
  return countText(count, word);
}
