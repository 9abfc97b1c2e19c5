import { describe, expect, it } from 'vitest';
import { ANNOUNCE_SECONDS, describeSeconds, RunEstimate } from './run-estimate.ts';

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
    advance(400);
    estimate.observe(100, 2000); // 0.4 s for 100 of 2,000: 8 s in all — quiet
    expect(lines).toEqual([]);
    advance(600);
    estimate.observe(150, 2000); // 1 s for 150: 13.3 s in all
    expect(lines).toEqual([
      'sweetspot: this run will take about 13 s for 2,000 trials at 150 a second; Ctrl-C stops it\n',
    ]);
    advance(5000);
    estimate.observe(200, 2000);
    expect(lines).toHaveLength(1);
  });

  it('says nothing before the first trials, nor when the run is done', () => {
    const { estimate, lines, advance } = clocked();
    advance(60_000);
    estimate.observe(0, 1000);
    estimate.observe(1000, 1000);
    expect(lines).toEqual([]);
  });

  it('the threshold is ten seconds, exclusive', () => {
    const { estimate, lines, advance } = clocked();
    advance(ANNOUNCE_SECONDS * 100); // 1 s per 100 trials × 1,000 = exactly 10 s
    estimate.observe(100, 1000);
    expect(lines).toEqual([]);
  });

  it('describes durations as a person says them', () => {
    expect(describeSeconds(0.2)).toBe('1 s');
    expect(describeSeconds(45.4)).toBe('45 s');
    expect(describeSeconds(89)).toBe('89 s');
    expect(describeSeconds(180)).toBe('3 min');
    expect(describeSeconds(6000)).toBe('1 h 40 min');
    expect(describeSeconds(Number.POSITIVE_INFINITY)).toBe('a very long time');
  });
});
