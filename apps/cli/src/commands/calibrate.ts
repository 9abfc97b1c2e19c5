import {
  buildScenario,
  type Calibration,
  type CalibrationProblem,
  type ColumnMapping,
  type CsvTable,
  calibrate,
  type DateOrder,
  formatBacktest,
  formatFitTable,
  formatJoins,
  formatOutcomes,
  formatRowReport,
  formatSplitProposal,
  formatSummary,
  guessMapping,
  type JoinSpec,
  MAPPING_FIELDS,
  type MappingField,
  parseCsv,
  parseDate,
  parseDateFormat,
  parseSegmentRule,
  type ReplayResult,
  replayHistory,
  type SegmentRule,
} from '@sweetspot/calibration';
import { formatError, parseScenarioJson, type Scenario } from '@sweetspot/scenario';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { checked, checkedList, choice, format, text, texts, toggle, whole } from '../flags.ts';
import { describeFileError, isUsageError, type TextChunks, UsageError } from '../io.ts';
import { stripBom } from '../load-scenario.ts';

/** What the command needs from the outside world (a subset of the CLI's Io). */
export interface CalibrateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, data: string) => Promise<void>;
  /** Opens a file to read in pieces (see Io.readChunks); without it the file is read whole. */
  readChunks?: (path: string) => Promise<TextChunks>;
}

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

const FIELD_ALIASES: Record<string, MappingField> = {
  id: 'id',
  stage: 'stage',
  outcome: 'stage',
  amount: 'amount',
  created: 'created',
  engaged: 'created',
  closed: 'closed',
  listprice: 'listPrice',
  list: 'listPrice',
  owner: 'owner',
};

/** `--map id=opportunity_id,stage=deal_stage` (repeatable) → mapping. */
export function parseMapFlag(values: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const value of values) {
    for (const part of value.split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      const key = eq < 0 ? '' : part.slice(0, eq).trim();
      const field = FIELD_ALIASES[key.toLowerCase().replace(/[-_\s]/g, '')];
      if (eq < 0 || !field || part.slice(eq + 1).trim() === '')
        throw new UsageError(
          `--map: "${part}" must be FIELD=COLUMN with FIELD one of ${MAPPING_FIELDS.join(', ')}`,
        );
      mapping[field] = part.slice(eq + 1).trim();
    }
  }
  return mapping;
}

/** `--join product=products.csv:product` → column, file, key. */
export function parseJoinFlag(value: string): { column: string; file: string; key: string } {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1)
    throw new UsageError(`--join: "${value}" must be COLUMN=FILE or COLUMN=FILE:KEY`);
  const column = value.slice(0, eq).trim();
  const rest = value.slice(eq + 1).trim();
  const m = /^(.+):([^:/\\]+)$/.exec(rest);
  return m
    ? { column, file: m[1] as string, key: (m[2] as string).trim() }
    : { column, file: rest, key: column };
}

/** `--alias product:GTXPro=GTX Pro` → column, from, to. */
export function parseAliasFlag(value: string): { column: string; from: string; to: string } {
  const colon = value.indexOf(':');
  const eq = value.indexOf('=', colon + 1);
  if (colon <= 0 || eq < 0 || eq === colon + 1 || value.slice(eq + 1).trim() === '')
    throw new UsageError(`--alias: "${value}" must be COLUMN:FROM=TO, e.g. product:GTXPro=GTX Pro`);
  return {
    column: value.slice(0, colon).trim(),
    from: value.slice(colon + 1, eq).trim(),
    to: value.slice(eq + 1).trim(),
  };
}

/** Splits repeatable comma lists: `--won "Closed Won,Won" --won Booked`. */
function listFlag(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

async function read(io: CalibrateIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new UsageError(describeFileError(path, error));
  }
}

/** Largest CSV read, in characters (calibration's own default, passed explicitly so both agree). */
export const CSV_MAX_CHARS = 50 * 1024 * 1024;

/**
 * A CSV file as pieces when the Io can stream (the real one): parseCsv then stops reading at its
 * 50 MB limit instead of holding a 600 MB file in memory first. A file of more than 3 bytes per
 * allowed character is over the limit whatever it holds (UTF-8 spends at most 3 bytes on each
 * UTF-16 unit): it is refused before any reading.
 */
async function readCsv(io: CalibrateIo, path: string): Promise<string | AsyncIterable<string>> {
  if (path === '') throw new UsageError('the export file name is empty');
  if (!io.readChunks) return read(io, path);
  let file: TextChunks;
  try {
    file = await io.readChunks(path);
  } catch (error) {
    throw new UsageError(describeFileError(path, error));
  }
  if (file.bytes > 3 * CSV_MAX_CHARS) {
    await file.close();
    throw new UsageError(`${path}: ${tooLarge()}`);
  }
  return file.chunks;
}

/** parseCsv's words for a file over the limit, so both ways of finding out read the same. */
const tooLarge = () => `the file is larger than ${Math.round(CSV_MAX_CHARS / 1024 / 1024)} MB`;

function problemText(p: CalibrationProblem): string {
  if (p.code === 'ambiguous-date' && p.formats)
    return `${p.message}\n  Rerun with ${p.formats.map((f) => `--date-format ${f}`).join(' or ')}.`;
  if (p.code === 'inconsistent-date')
    return `${p.message}\n  Rerun with --date-format yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy.`;
  if (p.code === 'mapping' && p.message.startsWith('stage values:'))
    return `${p.message}\n  Set the stage values with --won, --lost and --no-decision-stage (comma-separated, case-insensitive).`;
  if (p.code === 'mapping')
    return `${p.message}\n  Rerun with --map FIELD=COLUMN (e.g. --map amount="Deal Size").`;
  return p.message;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

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
  name: 'calibrate',
  synopsis: 'calibrate <export.csv>',
  summary: 'fit a scenario to a CRM opportunity export (see docs/calibration.md)',
  help: CALIBRATE_HELP,
  args: { one: `give one export file.\n${CALIBRATE_HELP}` },
  flags: {
    format: format(['table', 'json']),
    'no-decision': choice(['lost', 'exclude', 'ignore'] as const, 'lost'),
    stale: choice(['open', 'lost', 'exclude'] as const, 'open'),
    reps: whole(1, 1000),
    'min-closed': whole(0, 1_000_000),
    'selling-hours': checked((name, value) => decimalFlag(name, value, 0.5, 168)),
    quota: checked((name, value) => decimalFlag(name, value, 1, 1e12)),
    'date-format': checked((name, value): DateOrder | undefined => {
      if (value === undefined) return undefined;
      const order = parseDateFormat(value);
      if (!order)
        throw new UsageError(
          `--${name} must be yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy (got "${value}")`,
        );
      return order;
    }),
    'as-of': checked((name, value) => {
      if (value !== undefined && parseDate(value, 'ymd') === undefined)
        throw new UsageError(`--${name} must be a date written yyyy-mm-dd (got "${value}")`);
      return value;
    }),
    delimiter: checked((name, value) => {
      const delimiter = value === 'tab' ? '\t' : value;
      if (delimiter !== undefined && (delimiter.length !== 1 || /[\r\n"]/.test(delimiter)))
        throw new UsageError(`--${name} must be one character (or "tab")`);
      return delimiter;
    }),
    segment: checkedList((name, values) =>
      (values ?? []).map((spec, i): SegmentRule => {
        const parsed = parseSegmentRule(spec, i);
        if (!parsed.ok) throw new UsageError(`--${name}: ${parsed.message}`);
        return parsed.value;
      }),
    ),
    map: checkedList((_name, values) => parseMapFlag(values ?? [])),
    alias: checkedList((_name, values) => (values ?? []).map(parseAliasFlag)),
    join: checkedList((_name, values) => (values ?? []).map(parseJoinFlag)),
    won: texts(),
    lost: texts(),
    'no-decision-stage': texts(),
    'decimal-comma': toggle(),
    base: text(),
    name: text(),
    'accept-gaps': toggle(),
    split: text(),
    'specialist-hours': checkedList((name, values) => parsePoolHours(name, values ?? [])),
    out: text(),
  },
  async run(context) {
    const { io, flags } = context;
    // Exactly one: the scaffold checked.
    const path = context.file as string;
    const {
      format,
      'no-decision': noDecision,
      stale,
      reps,
      'min-closed': minClosed,
      'selling-hours': sellingHours,
      quota,
      'date-format': dateOrder,
      'as-of': asOf,
      delimiter,
      segment: segments,
      map: explicitMap,
      alias: aliases,
      join: joinFlags,
    } = flags;
    for (const a of aliases)
      if (!joinFlags.some((j) => j.column === a.column))
        throw new UsageError(`--alias ${a.column}:…: there is no --join on column "${a.column}"`);

    let base: Scenario | undefined;
    if (flags.base !== undefined) {
      const parsed = parseScenarioJson(stripBom(await read(io, flags.base)));
      if (!parsed.ok)
        throw new UsageError(
          `${flags.base} is not a valid scenario:\n${parsed.errors.map((e) => `  ${formatError(e)}`).join('\n')}`,
        );
      base = parsed.scenario;
    }

    const csvOptions = {
      maxChars: CSV_MAX_CHARS,
      ...(delimiter !== undefined ? { delimiter } : {}),
    };
    const table = await parseCsv(await readCsv(io, path), csvOptions);
    if (table.fatal) throw new UsageError(`${path}: ${table.fatal.message}`);
    const joins: JoinSpec[] = [];
    const lookups: CsvTable[] = [];
    for (const j of joinFlags) {
      const lookup = await parseCsv(await readCsv(io, j.file), csvOptions);
      if (lookup.fatal) throw new UsageError(`${j.file}: ${lookup.fatal.message}`);
      lookups.push(lookup);
      const aliasMap: Record<string, string> = {};
      for (const a of aliases) if (a.column === j.column) aliasMap[a.from] = a.to;
      joins.push({
        column: j.column,
        table: lookup,
        key: j.key,
        source: baseName(j.file),
        aliases: aliasMap,
      });
    }

    // Fill unmapped fields from the headers; list price may come from a joined table.
    const guessed = guessMapping(table.headers, (header) => {
      const i = table.headers.indexOf(header);
      return table.rows.slice(0, 500).map((row) => row[i] ?? '');
    });
    const mapping: ColumnMapping = { ...explicitMap };
    const guessedFields: string[] = [];
    for (const field of MAPPING_FIELDS) {
      if (mapping[field] !== undefined) continue;
      let column = guessed[field];
      if (column === undefined && field === 'listPrice')
        column = lookups.map((l) => guessMapping(l.headers).listPrice).find((c) => c !== undefined);
      if (column === undefined) continue;
      if (Object.values(mapping).includes(column)) continue;
      mapping[field] = column;
      guessedFields.push(`${field}=${column}`);
    }
    if (guessedFields.length > 0)
      io.stderr(`Guessed mapping (override with --map): ${guessedFields.join(',')}\n`);

    const outcomes = {
      won: listFlag(flags.won),
      lost: listFlag(flags.lost),
      noDecision: listFlag(flags['no-decision-stage']),
    };
    const result = calibrate(table, {
      mapping,
      outcomes,
      joins,
      segments,
      ...(flags.split !== undefined ? { split: flags.split } : {}),
      decimal: flags['decimal-comma'] ? ',' : '.',
      noDecision,
      stale,
      fileName: baseName(path),
      ...(dateOrder ? { dateOrder } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
      ...(minClosed !== undefined ? { minClosedDeals: minClosed } : {}),
    });
    if (!result.ok) {
      io.stderr(`sweetspot calibrate: cannot calibrate ${path}:\n`);
      for (const p of result.problems) io.stderr(`  ${problemText(p)}\n`);
      if (result.joins && result.joins.length > 0) io.stderr(`${formatJoins(result.joins)}\n`);
      if (result.report) io.stderr(`${formatRowReport(result.report)}\n`);
      return EXIT.usage;
    }
    const built = buildScenario(result, {
      ...(base ? { base } : {}),
      ...(reps !== undefined ? { reps } : {}),
      ...(flags.name !== undefined ? { name: flags.name } : {}),
      ...(sellingHours !== undefined ? { sellingHours } : {}),
      ...(quota !== undefined ? { quota } : {}),
    });
    if (!built.ok) {
      io.stderr(
        `sweetspot calibrate: the calibrated scenario is not valid:\n${built.errors.map((e) => `  ${e}\n`).join('')}`,
      );
      return EXIT.usage;
    }
    const given = flags['specialist-hours'];
    const pools = built.scenario.team.specialists ?? [];
    for (const id of Object.keys(given))
      if (!pools.some((p) => p.id === id))
        throw new UsageError(
          `--specialist-hours: the base scenario has no specialist pool "${id}"${pools.length > 0 ? ` (its pools: ${pools.map((p) => p.id).join(', ')})` : ' (it has none: give --base a scenario with team.specialists)'}`,
        );
    const replayed = replayHistory(
      result,
      built.scenario,
      Object.keys(given).length > 0 ? { specialistHours: given } : {},
    );
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

/** `--specialist-hours presales=40` (repeatable) → hours a week by pool id. */
export function parsePoolHours(name: string, values: readonly string[]): Record<string, number> {
  const hours: Record<string, number> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const id = eq > 0 ? value.slice(0, eq).trim() : '';
    const text = eq > 0 ? value.slice(eq + 1).trim() : '';
    const x = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (id === '' || !(x >= 0 && x <= 100_000))
      throw new UsageError(
        `--${name}: "${value}" must be POOL=HOURS with hours a week from 0 to 100,000, e.g. presales=40`,
      );
    hours[id] = x;
  }
  return hours;
}

/** A positive decimal flag within [min, max]. */
function decimalFlag(name: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return undefined;
  const x = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(x >= min && x <= max))
    throw new UsageError(
      `--${name} must be a number from ${min} to ${max.toLocaleString('en-US')} (got "${value}")`,
    );
  return x;
}

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
