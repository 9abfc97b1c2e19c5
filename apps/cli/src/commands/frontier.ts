import { formatPercent } from '@sweetspot/analysis';
import {
  type Estimate,
  FRONTIER_METRICS,
  type FrontierMetric,
  type FrontierResult,
  frontier,
} from '@sweetspot/decision';
import type { Scenario } from '@sweetspot/scenario';
import { choiceFlag } from '../args.ts';
import { analyse, money, report } from '../decision-shared.ts';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { checked, format, out, seed, text, trials, whole, workers } from '../flags.ts';
import { UsageError } from '../io.ts';
import { padTable } from '../table.ts';

export const FRONTIER_HELP = `Usage: sweetspot frontier [scenario.json] [options]

Strictness frontier: expected bookings, gross margin and P(hit quota) as a strategy pursues more
of the out-of-profile demand, from none (the sweet spot only) to all of it, with the best point
for each. With several out-of-profile segments they are added one at a time; with one, a share
of its arrivals is pursued (see docs/decision.md for how). See docs/decision.md.

Options:
  --steps N          shares of a single out-of-profile segment: 0, 1/N, …, 1 (default 10)
  --strategy ID      the strategy whose priority and quarter-end push every point uses
                     (default: A, the first of "compare")
  --design D         shared-world (one set of worlds for every share) or per-point
                     (default: shared-world when possible)
  --order IDS        out-of-profile segment ids in the order to add them, comma-separated
                     (default: by expected booked value per effort hour)
  --trials N         trials per run (default: the scenario's)
  --seed S           random seed (default: the scenario's)
  --format F         table (default) or json
  --workers N        worker threads (default: all cores)
  --out FILE         write the output to FILE instead of standard output
`;

const TITLES: Record<FrontierMetric, string> = {
  bookings: 'Bookings',
  margin: 'Gross margin',
  pHitQuota: 'P(hit quota)',
};

/** The frontier as a table: one row per point, best values marked. */
export function frontierTable(scenario: Scenario, result: FrontierResult): string {
  const cur = scenario.currency;
  const cell = (e: Estimate, metric: FrontierMetric) =>
    metric === 'pHitQuota'
      ? `${formatPercent(e.estimate, 1)} [${formatPercent(e.lo, 1)}, ${formatPercent(e.hi, 1)}]`
      : `${money(e.estimate, cur)} ± ${money(e.hi - e.estimate, cur)}`;
  const rows: string[][] = [
    ['Pursued', 'Share', ...FRONTIER_METRICS.map((m) => `${TITLES[m]} (95%)`)],
  ];
  result.points.forEach((p, i) => {
    rows.push([
      p.label,
      formatPercent(p.share, p.share * 100 === Math.round(p.share * 100) ? 0 : 1),
      ...FRONTIER_METRICS.map((m) => {
        const mark = result.best[m] === i ? ' ◆' : p.nearBest?.[m] ? ' ≈' : '  ';
        return `${cell(p[m], m)}${mark}`;
      }),
    ]);
  });
  const how =
    result.mode === 'segments'
      ? `out-of-profile segments added in order: ${result.order.join(', ')}`
      : `a share of "${result.order[0]}" arrivals (${result.design === 'shared-world' ? 'one set of worlds for every share' : 'each share on its own worlds'})`;
  const lines = [
    `${scenario.name} — strictness frontier of strategy "${result.strategy}" (its priority and push at every point)`,
    `Pursuing ${how}; horizon totals, ${result.trialsPerRun.toLocaleString('en-US')} trials per run, ${result.runs} run${result.runs === 1 ? '' : 's'}, seed ${scenario.seed}`,
    '',
    padTable(rows),
    '',
    `◆ best point for the metric${result.design === 'shared-world' ? '; ≈ not distinguishable from the best (paired 95% interval of the difference contains 0)' : ''}`,
  ];
  const best = (m: FrontierMetric) => result.points[result.best[m]]?.label ?? '';
  lines.push(
    `Best: bookings at "${best('bookings')}", margin at "${best('margin')}", P(hit quota) at "${best('pHitQuota')}".`,
  );
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** `sweetspot frontier`: how much out-of-profile demand is worth pursuing. */
export const frontierCommand = defineCommand({
  synopsis: 'frontier [scenario]',
  summary: 'bookings, margin and P(quota) against how much out-of-profile demand A pursues',
  help: FRONTIER_HELP,
  args: 'scenario',
  flags: {
    format: format(['table', 'json']),
    steps: whole(1, 100),
    // No default: without --design the package picks shared-world when it can.
    design: checked((name, value) =>
      value === undefined
        ? undefined
        : choiceFlag(name, value, ['shared-world', 'per-point'] as const, 'shared-world'),
    ),
    order: checked((_name, value) =>
      value
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
    trials: trials(),
    seed: seed(),
    workers: workers(),
    strategy: text(),
    out: out(),
  },
  async run(context) {
    const { steps, design, order, trials, strategy } = context.flags;
    const scenario = await context.scenario();
    if (strategy !== undefined && !scenario.strategies.some((s) => s.id === strategy)) {
      throw new UsageError(
        `--strategy must be one of ${scenario.strategies.map((s) => s.id).join(', ')} (got "${strategy}")`,
      );
    }
    const result = await analyse(context, (session) =>
      frontier(session.runner, scenario, {
        ...(steps !== undefined ? { steps } : {}),
        ...(strategy !== undefined ? { strategy } : {}),
        ...(design ? { design } : {}),
        ...(order ? { order } : {}),
        ...(trials !== undefined ? { trials } : {}),
        ...session.runOptions,
      }),
    );
    await report(context, scenario, result, () => frontierTable(scenario, result));
    return EXIT.ok;
  },
});
