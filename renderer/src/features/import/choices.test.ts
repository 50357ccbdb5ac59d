import { describe, expect, it } from 'vitest';
import { confidenceText, executionsText, importZoneChoices, progressPercent, progressText } from './choices';

describe('import choices and texts', () => {
  it('offers the display zone first, once, and keeps an unusual current choice', () => {
    const zones = importZoneChoices('America/Chicago', 'Pacific/Auckland');
    expect(zones[0]).toBe('America/Chicago');
    expect(zones.filter((z) => z === 'America/Chicago')).toHaveLength(1);
    expect(zones).toContain('UTC');
    expect(zones.at(-1)).toBe('Pacific/Auckland');
  });

  it('says how sure the detection is in words', () => {
    expect(confidenceText(0.95)).toBe('95% sure');
    expect(confidenceText(0.6)).toBe('60%, likely');
    expect(confidenceText(0.3)).toBe('30%, unsure');
  });

  it('shows progress as a phase and a whole percentage', () => {
    const reading = { importId: 'i', phase: 'reading' as const, done: 42, total: 100 };
    expect(progressText(reading, 'Sending')).toBe('Reading… 42%');
    expect(progressPercent({ ...reading, done: 1, total: 3 })).toBe(33);
    expect(progressText({ ...reading, phase: 'writing', total: 0 }, 'Sending')).toBe('Writing…');
    expect(progressText(null, 'Sending the files')).toBe('Sending the files…');
  });

  it('counts executions with the right plural', () => {
    expect(executionsText(7, 'new')).toBe('7 new executions');
    expect(executionsText(1, 'new')).toBe('1 new execution');
    expect(executionsText(0)).toBe('0 executions');
  });
});
