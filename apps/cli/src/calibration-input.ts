/**
 * What `sweetspot calibrate` and `sweetspot forecast` share: the flags that describe a CRM export
 * and the team (columns, stage values, joins, segments, dates, the base scenario, hours, quota),
 * and the calibration itself — reading the CSV and its lookups, calibrating, building the
 * scenario and replaying the history (docs/calibration.md).
 */
import {
  type BuildOptions,
  type BuildResult,
  buildScenario,
  type Calibration,
  type CalibrationOptions,
  type CalibrationProblem,
  type ColumnMapping,
  type CsvTable,
  calibrate,
  type DateOrder,
  formatJoins,
  formatRowReport,
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
import { EXIT } from './exit-codes.ts';
import {
  checked,
  checkedList,
  choice,
  type FlagValues,
  text,
  texts,
  toggle,
  whole,
} from './flags.ts';
import { describeFileError, type TextChunks, UsageError } from './io.ts';
import { stripBom } from './load-scenario.ts';

/** What the command needs from the outside world (a subset of the CLI's Io). */
export interface CalibrateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, data: string) => Promise<void>;
  /** Opens a file to read in pieces (see Io.readChunks); without it the file is read whole. */
  readChunks?: (path: string) => Promise<TextChunks>;
}

/** The flags that describe the export and the team, in the order they are checked. */
export const CALIBRATION_FLAGS = {
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
  split: text(),
  'specialist-hours': checkedList((name, values) => parsePoolHours(name, values ?? [])),
};

export type CalibrationFlagValues = FlagValues<typeof CALIBRATION_FLAGS>;

/** A calibrated export: the fits, the scenario built from them and the history replayed. */
export interface CalibratedExport {
  ok: true;
  result: Calibration;
  built: Extract<BuildResult, { ok: true }>;
  replayed: ReplayResult;
}

/** The export read and the flags turned into the calibration's and the build's options. */
export interface ExportInput {
  table: CsvTable;
  calibration: CalibrationOptions;
  build: BuildOptions;
}

/** Reads the export (and its lookup tables) and turns the flags into options. */
export async function readExport(
  io: CalibrateIo,
  path: string,
  flags: CalibrationFlagValues,
): Promise<ExportInput> {
  const {
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
  const calibration: CalibrationOptions = {
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
  };
  const build: BuildOptions = {
    ...(base ? { base } : {}),
    ...(reps !== undefined ? { reps } : {}),
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    ...(sellingHours !== undefined ? { sellingHours } : {}),
    ...(quota !== undefined ? { quota } : {}),
  };
  return { table, calibration, build };
}

/**
 * Calibrates the export at `path` as the flags say (the as-of date may be overridden): prints the
 * problems on standard error and returns exit code 2 when it cannot. Throws UsageError for a bad
 * flag or file.
 */
export async function calibrateExport(
  io: CalibrateIo,
  path: string,
  flags: CalibrationFlagValues,
  input?: ExportInput,
  command = 'calibrate',
): Promise<CalibratedExport | { ok: false; code: number }> {
  const { table, calibration, build } = input ?? (await readExport(io, path, flags));
  const result = calibrate(table, calibration);
  if (!result.ok) {
    io.stderr(`sweetspot ${command}: cannot calibrate ${path}:\n`);
    for (const p of result.problems) io.stderr(`  ${problemText(p)}\n`);
    if (result.joins && result.joins.length > 0) io.stderr(`${formatJoins(result.joins)}\n`);
    if (result.report) io.stderr(`${formatRowReport(result.report)}\n`);
    return { ok: false, code: EXIT.usage };
  }
  const built = buildScenario(result, build);
  if (!built.ok) {
    io.stderr(
      `sweetspot ${command}: the calibrated scenario is not valid:\n${built.errors.map((e) => `  ${e}\n`).join('')}`,
    );
    return { ok: false, code: EXIT.usage };
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
  return { ok: true, result, built, replayed };
}

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
export async function readCsv(
  io: CalibrateIo,
  path: string,
): Promise<string | AsyncIterable<string>> {
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

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

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
