import {
  type Calibration,
  formatBacktest,
  formatFitTable,
  formatJoins,
  formatOutcomes,
  formatRowReport,
  formatSplitProposal,
  formatSummary,
  type ReplayResult,
} from '@sweetspot/calibration';
import type { Scenario } from '@sweetspot/scenario';
import { CALIBRATION_FLAGS, type CalibrateIo, calibrateExport } from '../calibration-input.ts';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { format, text, toggle } from '../flags.ts';
import { isUsageError, UsageError } from '../io.ts';

export type { CalibrateIo };

export const CALIBRATE_HELP = `Usage: sweetspot calibrate <export.csv> [options]

Fits a scenario's segments to a CRM opportunity export (see docs/calibration.md).

  --map FIELD=COLUMN,...     which column holds what; FIELD is id, stage, amount, created,
                             closed, listPrice or owner (default: guessed from the headers)
  --won VALUE[,VALUE]        stage values that mean won (repeatable; default: Won, Closed Won)
  --lost VALUE[,VALUE]       stage values that mean lost (default: Lost, Closed Lost);
                             every other stage value is an open deal, except no-decision ones
  --no-decision-stage V,...  stage values that mean closed without a decision (default: No
                             decision, No bid, Passed, Withdrawn, Cancelled, Closed - …)
  --no-decision POLICY       lost (default): no-decision deals count as lost; exclude: left out
                             of win rates, reported; ignore: the rows are dropped
  --stale POLICY             open deals older than the 99th-percentile won cycle: open
                             (default, kept and reported), lost, or exclude (from the cycle)
  --join COLUMN=FILE[:KEY]   join a lookup table on an export column (KEY defaults to COLUMN);
                             its columns become usable as COLUMN.NAME or NAME (repeatable)
  --alias COLUMN:FROM=TO     read key FROM as TO when joining on COLUMN (repeatable)
  --segment SPEC             id=ID;name=NAME;sweet=true;CONDITION;... (repeatable, first match
                             wins). CONDITION: col in a,b · col not in a,b · col = x · col != x
                             · col >= 10 · col < 10 · col between 10 and 20
  --split COLUMN|auto        instead of --segment: split on the proposed sweet spot of COLUMN
                             (auto: the best column); without segments, calibrate proposes one
  --date-format FORMAT       yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy (needed when dates are ambiguous)
  --decimal-comma            amounts are written 1.234,50
  --delimiter CHAR           field delimiter (default: detected; "tab" for a tab)
  --as-of YYYY-MM-DD         export date (default: the latest date in the file)
  --base SCENARIO.json       scenario to calibrate (default: the built-in default)
  --reps N                   team size (default: distinct owners in the export)
  --selling-hours H          selling hours per rep per week (default: the base scenario's, 15
                             in the built-in one); effort per deal is solved from them
  --quota AMOUNT             quota per rep per quarter (default: the median owner's quarterly
                             bookings in the history)
  --specialist-hours POOL=H  hours a week of a specialist pool of the base scenario, for the
                             whole team (repeatable; default: solved from the history)
  --accept-gaps              exit 0 even when the backtest does not reproduce the history
                             within 5% (the gaps are still reported)
  --name NAME                scenario name
  --min-closed N             warn below N closed deals in a segment (default 30)
  --out FILE                 write the calibrated scenario here
  --format table|json        output format (default table)
  -h, --help                 print this help

Missing values (empty, NA, N/A, null, -, —) are read as empty cells. Rows that cannot be used
are listed by line with a reason. The calibrated scenario carries an as-is strategy (what the
team did); a backtest replays it and compares it with the history (win rate, won deals and
bookings per quarter, median won deal size and cycle). Exit 0: a valid scenario that replays
the history within 5%; 3: built, but some figure is off by more than 5% (each gap is named
with its likely reason; --accept-gaps exits 0); 2: it cannot calibrate (the message says why,
e.g. which column to --map).

Example:
  sweetspot calibrate deals.csv --map amount=deal_size_usd,created=date_sourced \
    --won "Closed Won" --lost "Closed Lost" --no-decision exclude \
    --segment 'id=ent;name=Enterprise;sweet=true;segment = Enterprise' \
    --segment 'id=rest;name=Everything else' --out scenario.json
`;

/** JSON output: the scenario, and the calibration with the row list capped at 1,000. */
function jsonOutput(
  cal: Calibration,
  scenario: Scenario,
  notes: string[],
  replayed: ReplayResult,
  team: unknown,
): string {
  // The open and won deals one by one are for forecasts (sweetspot forecast): counts here.
  const { report, pipeline, wonDeals, ...rest } = cal;
  return `${JSON.stringify(
    {
      scenario,
      notes,
      team,
      backtest: replayed.backtest,
      calibration: {
        ...rest,
        openDeals: pipeline.length,
        wonDeals: wonDeals.length,
        report: {
          ...report,
          issues: report.issues.slice(0, 1000),
          issuesTotal: report.issues.length,
        },
      },
    },
    null,
    2,
  )}\n`;
}

/** `sweetspot calibrate`, checked and run by the command scaffold (calibrateCommand wraps it). */
const calibrateFromFlags = defineCommand({
  synopsis: 'calibrate <export.csv>',
  summary: 'fit a scenario to a CRM opportunity export (see docs/calibration.md)',
  help: CALIBRATE_HELP,
  args: { one: `give one export file.\n${CALIBRATE_HELP}` },
  flags: {
    format: format(['table', 'json']),
    ...CALIBRATION_FLAGS,
    'accept-gaps': toggle(),
    out: text(),
  },
  async run(context) {
    const { io, flags } = context;
    // Exactly one: the scaffold checked.
    const path = context.file as string;
    const calibrated = await calibrateExport(io, path, flags);
    if (!calibrated.ok) return calibrated.code;
    const { result, built, replayed } = calibrated;
    const { format } = flags;
    const scenario = replayed.scenario;
    const gapExit = replayed.backtest.ok || flags['accept-gaps'] ? EXIT.ok : EXIT.gaps;
    if (flags.out !== undefined) {
      try {
        await io.writeFile(flags.out, `${JSON.stringify(scenario, null, 2)}\n`);
      } catch (error) {
        throw new UsageError(
          `cannot write ${flags.out}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (format === 'json') {
      io.stdout(jsonOutput(result, scenario, built.notes, replayed, built.team));
      return gapExit;
    }
    const warnings = [
      ...result.warnings,
      ...result.fits.flatMap((f) => f.warnings.map((w) => `segment "${f.id}": ${w}`)),
      ...built.notes,
    ];
    const sections = [
      `Calibrated ${path}`,
      formatSummary(result),
      formatOutcomes(result.outcomes),
      ...(result.joins.length > 0 ? [formatJoins(result.joins)] : []),
      formatFitTable(result),
      ...(result.split ? [formatSplitProposal(result.split)] : []),
      ...(result.appliedSplit
        ? [
            `Sweet spot from --split: ${result.appliedSplit.column} ${result.appliedSplit.sweet.label} (won value per deal-week ×${result.appliedSplit.ratio.toFixed(2)} the rest's, ${result.appliedSplit.z.toFixed(1)} standard errors).`,
          ]
        : []),
      `Not in CRM data: selling hours ${built.team.sellingHours.value} a week (${built.team.sellingHours.source}${built.team.sellingHours.source === 'given' ? '' : '; --selling-hours to change'}); quota ${built.team.quota.value.toLocaleString('en-US')} per rep per quarter (${built.team.quota.source}); effort per deal solved from the hours (median ${scenario.segments.map((s) => `${s.id} ${s.effortHours.median} h`).join(', ')}); cost to serve, annual churn and qualification hours kept from the base scenario.`,
      `Strategies: "as-is" (what the team did: every deal pursued, oldest first) and "focus" (the same, pursuing only the sweet spot); compared: focus vs as-is.`,
      formatBacktest(replayed.backtest, Object.fromEntries(result.fits.map((f) => [f.id, f.name]))),
      ...(warnings.length > 0 ? [`Warnings:\n${warnings.map((w) => `  - ${w}`).join('\n')}`] : []),
      formatRowReport(result.report, 20),
      flags.out !== undefined
        ? `Wrote the scenario "${scenario.name}" to ${flags.out}.`
        : 'Add --out scenario.json to save the calibrated scenario.',
      ...(gapExit !== 0
        ? [
            'The replay does not reproduce the history within 5% (see the gaps above): exit code 3. Add --accept-gaps to accept them.',
          ]
        : []),
    ];
    io.stdout(`${sections.join('\n\n')}\n`);
    return gapExit;
  },
});

/**
 * `sweetspot calibrate export.csv …`: fits segments to a CRM export and writes a scenario.
 * Returns the exit code (0 done, 3 the backtest has gaps, 2 bad input); never throws.
 */
export const calibrateCommand = Object.assign(
  async (args: string[], io: CalibrateIo): Promise<number> => {
    try {
      // Calibrate draws no progress bar: the terminal question does not arise.
      return await calibrateFromFlags(args, { interactive: false, ...io });
    } catch (error) {
      const message = isUsageError(error)
        ? error.message
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
      io.stderr(`sweetspot calibrate: ${message}\n`);
      return EXIT.usage;
    }
  },
  { about: calibrateFromFlags.about },
);
