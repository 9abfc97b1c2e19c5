import {
  type Attribution,
  attributionClause,
  formatMoney,
  summarize,
  type Waterfall,
} from '@sweetspot/analysis';
import { mechanismsUsed } from '@sweetspot/scenario';
import { intFlag } from '../args.ts';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { format, seed, text, trials, workers } from '../flags.ts';
import { UsageError } from '../io.ts';

export const EXPLAIN_HELP = `Usage: sweetspot explain [scenario.json] [options]

Why strategies A and B differ: what differs between them, the split of the gap among the rules
that differ (Shapley split, docs/model.md §11) and the exact deal-by-deal waterfall of A − B
(§10), for bookings, gross margin and (when hours are priced) contribution. Uses the built-in
default scenario when no file is given.

Options:
  --quarter N     one quarter (1 to the horizon) instead of the whole horizon
  --trials N      number of trials (1 to 1,000,000; default: the scenario's)
  --seed S        random seed (default: the scenario's)
  --format F      table (default) or json
  --workers N     worker threads (default: all cores; at most twice the cores)
  -h, --help      print this help

Example:
  sweetspot explain my-team.json --quarter 2 --trials 2000
`;

/** The title of the contribution tables (docs/model.md §13). */
const CONTRIBUTION = 'Contribution (gross margin − cost of sale)';

/**
 * `sweetspot explain`: what differs between A and B, the split of the gap among the rules that
 * differ (docs/model.md §11), and the exact per-deal waterfall of A − B (§10).
 */
export const explainCommand = defineCommand({
  synopsis: 'explain [scenario]',
  summary: 'why A and B differ: what differs, the gap by rule (§11), the exact waterfall (§10)',
  help: EXPLAIN_HELP,
  args: 'scenario',
  flags: {
    format: format(['table', 'json']),
    // Checked against the scenario's horizon once it is loaded.
    quarter: text(),
    trials: trials(),
    seed: seed(),
    workers: workers(),
  },
  async run(context) {
    const { format } = context.flags;
    const scenario = await context.scenario({ trials: true });
    const quarter = intFlag('quarter', context.flags.quarter, 1, scenario.horizon.quarters);
    const summary = await context.simulate({ progress: false, cancelled: 'cancelled' }, async (s) =>
      summarize(scenario, await s.runner.run(scenario, s.signalOption)),
    );
    const c = summary.comparison;
    const period = quarter === undefined ? c.horizon : c.quarters[quarter - 1];
    if (!period) throw new UsageError('no such quarter');
    const wf = period.waterfall;
    const split = period.attribution;
    if (format === 'json') {
      const out = {
        scenario: summary.scenario,
        a: c.a,
        b: c.b,
        quarter: quarter ?? 'horizon',
        difference: c.difference,
        attribution: split,
        ...wf,
      };
      await context.write(`${JSON.stringify(out, null, 2)}\n`);
      return EXIT.ok;
    }
    const money = (x: number) => formatMoney(x, scenario.currency, undefined, { signed: true });
    const { pricesHours: priced, prospects } = mechanismsUsed(scenario);
    const table = (title: string, w: Waterfall) => {
      // Without prospecting (docs/model.md §14) its bar is exactly 0: left out of the table.
      const parts = prospects ? w.parts : w.parts.filter((p) => p.id !== 'prospectedWins');
      const width = Math.max(...parts.map((p) => p.label.length), 5);
      const rows = parts.map((p) => `  ${p.label.padEnd(width)}  ${money(p.value).padStart(14)}`);
      return `${title}\n${rows.join('\n')}\n  ${'Total'.padEnd(width)}  ${money(w.total).padStart(14)}\n`;
    };
    const splitTable = (title: string, at: Attribution) => {
      if (at.parts.length === 0) return `${title}\n  (A and B follow the same rules)\n`;
      const label = (p: Attribution['parts'][number]) => `${p.label} (A ${p.a}; B ${p.b})`;
      const width = Math.max(...at.parts.map((p) => label(p).length), 5);
      const rows = at.parts.map(
        (p) =>
          `  ${label(p).padEnd(width)}  ${money(p.mean).padStart(14)}  [${money(p.ci95[0])}, ${money(p.ci95[1])}]`,
      );
      return `${title}\n${rows.join('\n')}\n  ${'Total'.padEnd(width)}  ${money(at.total).padStart(14)}\n`;
    };
    const periodName = quarter === undefined ? 'whole horizon' : `Q${quarter}`;
    const clause = attributionClause(split.bookings, money);
    await context.write(
      `Why ${c.a} − ${c.b} differs (${periodName}, mean per trial over ${summary.trials.toLocaleString('en-US')} trials)\n` +
        `What differs: ${c.difference}\n` +
        (clause === '' ? '' : `Bookings: ${clause}.\n`) +
        '\nThe gap by rule that differs (Shapley split over the intermediate strategies, same simulated world, 95% interval; docs/model.md §11)\n\n' +
        `${splitTable('Bookings', split.bookings)}\n${splitTable('Gross margin', split.margin)}\n` +
        (priced ? `${splitTable(CONTRIBUTION, split.contribution)}\n` : '') +
        'The gap deal by deal: which deals each bar counts (every rule that differs can move any bar; docs/model.md §10)\n\n' +
        `${table('Bookings', wf.bookings)}\n${table('Gross margin', wf.margin)}` +
        (priced ? `\n${table(CONTRIBUTION, wf.contribution)}` : ''),
    );
    return EXIT.ok;
  },
});
