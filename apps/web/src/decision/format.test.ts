import { describe, expect, it } from 'vitest';
import * as format from './format.ts';

describe('decision formatting', () => {
  it('puts input labels in plain words', () => {
    expect(format.plainLabel('Out of profile: win rate')).toBe('Out of profile · win rate');
    expect(format.plainLabel('Team: reps')).toBe('Team · reps');
    expect(format.plainLabel('A: b: c')).toBe('A: b · c');
  });

  it('shows values in their unit', () => {
    // [unit, value, shown] in US dollars.
    const params = [
      ['share', 0.3, '30%'],
      ['share', 0.225, '22.5%'],
      ['share', 0.3127, '31.27%'],
      ['money', 22_000, '$22,000'],
      ['weeks', 8, '8 wk'],
      ['hours', 17.5, '17.5 h'],
      ['rate', 1.35, '1.35'],
      ['count', 6, '6'],
    ] as const;
    for (const [unit, value, shown] of params)
      expect(format.paramValue(unit, value, 'USD')).toBe(shown);
    expect(format.metricValue('bookings', 1_690_000, 'USD')).toBe('+$1.69M');
    expect(format.metricValue('pABeatsB', 0.9512, 'USD')).toBe('95.1%');
    expect(format.metricHalfWidth('pABeatsB', 0.008, 'USD')).toBe('± 0.8 pp');
    expect(format.metricHalfWidth('bookings', 16_000, 'USD')).toBe('± $16K');
  });

  it('names metrics in selects and on axes', () => {
    const metrics = ['bookings', 'margin', 'retained', 'pABeatsB'] as const;
    expect(format.metricChoices(metrics)).toEqual([
      { value: 'bookings', label: 'Mean A − B bookings' },
      { value: 'margin', label: 'Mean A − B gross margin' },
      { value: 'retained', label: 'Mean A − B retained revenue' },
      { value: 'pABeatsB', label: 'P(A beats B) on bookings' },
    ]);
    expect(metrics.map(format.metricTitle)).toEqual([
      'Mean A − B bookings',
      'Mean A − B gross margin',
      'Mean A − B retained recurring revenue',
      'P(A books more than B)',
    ]);
  });
});
