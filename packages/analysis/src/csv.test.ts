import { describe, expect, it } from 'vitest';
import { csvText, PER_TRIAL_CSV_HEADER, perTrialCsv, perTrialCsvLines } from './csv.ts';
import { ChunkBuilder, testScenario } from './test-fixture.ts';

const EVIL = '=HYPERLINK("http://evil.example","click")';

function fixture() {
  const scenario = testScenario([EVIL, 'plain'], 2);
  const b = new ChunkBuilder(2, 2, 2, 3)
    .quarter(0, 0, 'bookings', [100, 200, 300])
    .quarter(0, 0, 'margin', [-10, 20, 30])
    .quarter(0, 0, 'repsAtQuota', [0, 1, 2])
    .quarter(0, 0, 'hoursWasted', [1.5, 2, 3])
    .quarter(0, 1, 'bookings', [50, 60, 70])
    .quarter(0, 1, 'margin', [5, 6, 7])
    .quarter(0, 0, 'costOfSale', [40, 0.5, 60])
    .quarter(0, 0, 'contribution', [-50, 19.5, -30])
    .quarter(0, 0, 'specialistHoursWasted', [0.25, 0, 9])
    .quarter(0, 1, 'costOfSale', [4, 5, 6])
    .quarter(0, 1, 'contribution', [1, 1, 1])
    .quarter(0, 1, 'specialistHoursWasted', [2, 3, 4])
    .retained(0, [1000, 2000, 3000]);
  b.chunk.trialStart = 10;
  return { scenario, chunk: b.chunk };
}

describe('csvText', () => {
  it('quotes per RFC 4180 and neutralises formula prefixes', () => {
    expect(csvText('focus')).toBe('focus');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    for (const p of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvText(`${p}x`).includes(`'${p}x`)).toBe(true);
    expect(csvText('\rx')).toBe('"\'\rx"');
    expect(csvText(EVIL)).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
  });
});

describe('perTrialCsv', () => {
  const { scenario, chunk } = fixture();
  const csv = perTrialCsv(scenario, chunk);
  const lines = csv.split('\r\n');

  it('has a header, Q + 1 rows per trial and strategy, CRLF line ends', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + 3 * 2 * (2 + 1));
    expect(lines[0]).toBe(PER_TRIAL_CSV_HEADER.join(','));
    for (const line of lines) expect(line.split(',').length).toBeGreaterThanOrEqual(12);
  });

  it('keeps the original nine columns first, in their order, and adds the new three after', () => {
    expect(PER_TRIAL_CSV_HEADER.join(',')).toBe(
      'trial,strategy,quarter,bookings,margin,attainment,repsAtQuota,hoursWasted,retainedRecurringRevenue,' +
        'costOfSale,contribution,specialistHoursWasted',
    );
  });

  it('writes quarter rows with attainment and a horizon row with sums', () => {
    const safe = '"\'=HYPERLINK(""http://evil.example"",""click"")"';
    expect(lines[1]).toBe(`10,${safe},1,100,-10,0.5,0,1.5,,40,-50,0.25`);
    expect(lines[2]).toBe(`10,${safe},2,50,5,0.25,0,0,,4,1,2`);
    // Money summed over the quarters; hours (wasted, specialist hours wasted) by quarter only.
    expect(lines[3]).toBe(`10,${safe},horizon,150,-5,,,,1000,44,-49,`);
    expect(lines[4]).toBe('10,plain,1,0,0,0,0,0,,0,0,0');
    expect(lines[7]).toBe(`11,${safe},1,200,20,1,1,2,,0.5,19.5,0`);
    expect(lines[9]).toBe(`11,${safe},horizon,260,26,,,,2000,5.5,20.5,`);
    expect(lines.at(-1)).toBe('12,plain,horizon,0,0,,,,0,0,0,');
  });

  it('never lets a cell start with the formula', () => {
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('streams the same text line by line', () => {
    const streamed = [...perTrialCsvLines(scenario, chunk)];
    expect(streamed).toHaveLength(1 + 3 * 2 * 3);
    expect(streamed.every((l) => l.endsWith('\r\n'))).toBe(true);
    expect(streamed.join('')).toBe(csv);
  });
});
