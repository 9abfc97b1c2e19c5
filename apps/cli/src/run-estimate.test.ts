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
    estimate.observe(300, 2000); // 200 trials in 1 s: 1,700 left, 8.5 s, plus 3 s so far: 11.5 s
    expect(lines).toEqual([]); // the first estimate over ten seconds waits for the next
    estimate.observe(300, 2000); // no more trials in: still waiting
    expect(lines).toEqual([]);
    advance(1000);
    estimate.observe(500, 2000); // 400 trials in 2 s: 1,500 left, 7.5 s, plus 4 s so far
    expect(lines).toEqual([
      'sweetspot: this run will take about 12 s for 2,000 trials at 200 a second; Ctrl-C stops it\n',
    ]);
    advance(5000);
    estimate.observe(600, 2000);
    expect(lines).toHaveLength(1);
  });

  it('does not announce a first, low reading of the speed that the next one corrects', () => {
    // Two workers, chunks of 1,000 trials at 500 a second each: the first chunk of the second
    // round comes in alone, as if the team of workers ran at half its speed.
    const { estimate, lines, advance } = clocked();
    advance(500);
    estimate.observe(250, 10_000); // the first round's chunks
    advance(50);
    estimate.observe(500, 10_000);
    advance(1950);
    estimate.observe(1500, 10_000); // 1,250 trials in 2 s: 8,500 left, 13.6 s + 2.5 s: over 10 s
    expect(lines).toEqual([]);
    advance(50);
    estimate.observe(2500, 10_000); // 2,250 in 2.05 s: 7,500 left, 6.8 s + 2.55 s: under 10 s
    advance(2000);
    estimate.observe(4500, 10_000); // 4,250 in 4.05 s: 5.2 s + 4.55 s: under 10 s
    expect(lines).toEqual([]);
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
