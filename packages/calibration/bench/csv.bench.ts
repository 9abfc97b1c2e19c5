/**
 * CSV import benchmark: hostile 1 MB fields (unquoted, quoted and multi-line, an unterminated
 * quote, a formula, a 1-million-digit number) in a 6-line file, through the import pipeline as the
 * web app and the CLI run it: parse → guessed mapping → calibrate → scenario. The fuzz test
 * (src/fuzz.test.ts) checks what comes out; this measures how long it takes (target: well under
 * 10 s per file, i.e. no quadratic behaviour on long fields).
 * Prints a table, then one JSON line per field kind.
 * Env: BENCH_REPEATS (files per kind and position, default 3).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { buildScenario, calibrate, guessMapping, parseCsv } from '../src/index.ts';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const TARGET_MS = 10_000;

const FIELDS: Record<string, string> = {
  unquoted: 'x'.repeat(1_000_000),
  'quoted, multi-line': `"${'y\n'.repeat(500_000)}"`,
  'unterminated quote': `"${'z'.repeat(1_000_000)}`,
  formula: `=HYPERLINK("${'h'.repeat(1_000_000)}")`,
  'number, 1e6 digits': '9'.repeat(1_000_000),
};

function file(field: string, at: number): string {
  const rows = ['Stage,Amount,Created Date,Close Date,Owner'];
  for (let i = 0; i < 5; i++) {
    const cells = ['Won', '100', '2017-01-01', '2017-02-01', `Rep ${i}`];
    if (i === at) cells[i] = field;
    rows.push(cells.join(','));
  }
  return rows.join('\n');
}

async function pipeline(text: string): Promise<void> {
  const table = await parseCsv(text);
  const result = calibrate(table, { mapping: guessMapping(table.headers) });
  if (result.ok) buildScenario(result);
}

const loadAtStart = loadavg()[0] ?? Number.NaN;
const results: Array<{ kind: string; medianMs: number; maxMs: number; files: number }> = [];
await pipeline(file('warm-up', 0)); // JIT warm-up
for (const [kind, field] of Object.entries(FIELDS)) {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (let at = 0; at < 5; at++) {
      const text = file(field, at);
      const start = performance.now();
      await pipeline(text);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const max = times.at(-1) as number;
  results.push({
    kind,
    medianMs: Math.round(median * 10) / 10,
    maxMs: Math.round(max * 10) / 10,
    files: times.length,
  });
}

const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadAtStart.toFixed(1)} at start`;
console.log(`\nCSV import of 1 MB fields — ${machine}\n`);
const width = Math.max(...results.map((r) => r.kind.length));
for (const r of results) {
  const verdict = r.maxMs <= TARGET_MS ? 'meets target' : 'MISSES target';
  console.log(
    `${r.kind.padEnd(width)}  median ${String(r.medianMs).padStart(8)} ms   max ${String(r.maxMs).padStart(8)} ms   (${r.files} files; target ≤ ${TARGET_MS} ms: ${verdict})`,
  );
}
console.log('');
for (const r of results) console.log(JSON.stringify({ bench: 'csv-1mb-field', ...r, machine }));
