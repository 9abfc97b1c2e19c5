import { describe, expect, it } from 'vitest';
import { RunEstimate } from './run-estimate.ts';

function clocked() {
  let t = 0;
  const lines: string[] = [];
  const estimate = new RunEstimate(
    (line) => lines.push(line),
    () => t,
  );
  return { estimate, lines, advance: (ms: number) => (t += ms) };
}

describe('RunEstimate', () => {
  it('announces, once, a run whose measured speed puts it over ten seconds', () => {
    const { estimate, lines, advance } = clocked();
    advance(2000); // the workers' start-up: not counted in the speed
    estimate.observe(100, 2000); // the first trials in: the clock starts
    expect(lines).toEqual([]);
    advance(400);
    estimate.observe(200, 2000); // 0.4 s is too short to judge
    expect(lines).toEqual([]);
    advance(600);
    estimate.observe(300, 2000); // 200 trials in 1 s: 1,700 left, 8.5 s, plus 3 s so far
    expect(lines).toEqual([
      'sweetspot: this run will take about 12 s for 2,000 trials at 200 a second; Ctrl-C stops it\n',
    ]);
    advance(5000);
    estimate.observe(400, 2000);
    expect(lines).toHaveLength(1);
  });

  it('stays quiet for a run estimated at ten seconds or less, before the first trials and once done', () => {
    const { estimate, lines, advance } = clocked();
    estimate.observe(0, 1000);
    advance(100);
    estimate.observe(100, 1000);
    advance(1000);
    estimate.observe(200, 1000); // 100 trials a second: 8 s left, 9.1 s in all
    estimate.observe(1000, 1000);
    expect(lines).toEqual([]);
  });
});
