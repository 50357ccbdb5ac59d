import { describe, expect, it } from 'vitest';
import { choiceOf, cronFor, describeSchedule, scheduleSentence } from './schedule';

describe('schedule presets', () => {
  it('recognises each preset, however the expression is spaced or spelled', () => {
    expect(choiceOf({ schedule: '0 3 * * *', scheduleEnabled: true })).toBe('daily');
    expect(choiceOf({ schedule: ' 0  03 * * * ', scheduleEnabled: true })).toBe('daily');
    expect(choiceOf({ schedule: '0 */6 * * *', scheduleEnabled: true })).toBe('every-6h');
    expect(choiceOf({ schedule: '0 3 * * 7', scheduleEnabled: true })).toBe('weekly');
    expect(choiceOf({ schedule: '0 3 * * SUN', scheduleEnabled: true })).toBe('weekly');
  });

  it('calls anything else custom, and a disabled schedule off whatever its expression', () => {
    expect(choiceOf({ schedule: '30 22 * * 1-5', scheduleEnabled: true })).toBe('custom');
    expect(choiceOf({ schedule: '0 3 * * *', scheduleEnabled: false })).toBe('off');
  });

  it('maps a choice to its expression, keeping the current one for custom and off', () => {
    expect(cronFor('weekly', '1 2 * * *')).toBe('0 3 * * 0');
    expect(cronFor('every-6h', '')).toBe('0 */6 * * *');
    expect(cronFor('custom', '30 22 * * 1-5')).toBe('30 22 * * 1-5');
    expect(cronFor('off', '0 3 * * *')).toBe('0 3 * * *');
  });

  it('describes a schedule in words', () => {
    expect(describeSchedule({ schedule: '0 3 * * *', scheduleEnabled: true })).toBe('Daily at 03:00');
    expect(describeSchedule({ schedule: '30 22 * * 1-5', scheduleEnabled: true })).toBe('Custom: 30 22 * * 1-5');
    expect(describeSchedule({ schedule: '0 3 * * *', scheduleEnabled: false })).toBe('Off');
  });

  it('says when backups happen on their own, in a sentence', () => {
    expect(scheduleSentence({ schedule: '0 3 * * 0', scheduleEnabled: true })).toBe(
      'Scheduled backups run on Sundays at 03:00 while the app is open.',
    );
    expect(scheduleSentence({ schedule: '30 22 * * 1-5', scheduleEnabled: true })).toBe(
      'Scheduled backups run on the schedule 30 22 * * 1-5 while the app is open.',
    );
    expect(scheduleSentence({ schedule: '0 3 * * *', scheduleEnabled: false })).toBe('Scheduled backups are off.');
  });
});
