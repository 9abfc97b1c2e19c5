import { describe, expect, it } from 'vitest';
import { metricHalfWidth, metricValue, paramValue, plainLabel } from './format.ts';

describe('decision formatting', () => {
  it('puts input labels in plain words', () => {
    expect(plainLabel('Out of profile: win rate')).toBe('Out of profile · win rate');
    expect(plainLabel('Team: reps')).toBe('Team · reps');
    expect(plainLabel('A: b: c')).toBe('A: b · c');
  });

  it('shows values in their unit', () => {
    expect(paramValue('share', 0.3, 'USD')).toBe('30%');
    expect(paramValue('share', 0.225, 'USD')).toBe('22.5%');
    expect(paramValue('share', 0.3127, 'USD')).toBe('31.27%');
    expect(paramValue('money', 22_000, 'USD')).toBe('$22,000');
    expect(paramValue('weeks', 8, 'USD')).toBe('8 wk');
    expect(paramValue('hours', 17.5, 'USD')).toBe('17.5 h');
    expect(paramValue('rate', 1.35, 'USD')).toBe('1.35');
    expect(paramValue('count', 6, 'USD')).toBe('6');
    expect(metricValue('bookings', 1_690_000, 'USD')).toBe('+$1.69M');
    expect(metricValue('pABeatsB', 0.9512, 'USD')).toBe('95.1%');
    expect(metricHalfWidth('pABeatsB', 0.008, 'USD')).toBe('± 0.8 pp');
    expect(metricHalfWidth('bookings', 16_000, 'USD')).toBe('± $16K');
  });
});
