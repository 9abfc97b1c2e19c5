/**
 * Step 2: which column holds what (guessed from the headers, shown for confirmation), what each
 * stage value means (won, lost, closed with no decision or still open) and how no-decision and
 * stale open deals are used, and the date formats — asked, never guessed, when the dates read
 * both day-first and month-first.
 */
import {
  type ColumnMapping,
  DATE_FORMAT_NAMES,
  type DateDetection,
  type DateOrder,
  MAPPING_FIELD_LABELS,
  MAPPING_FIELDS,
  type MappingField,
  type NoDecisionPolicy,
  type Outcome,
  type StalePolicy,
} from '@sweetspot/calibration';
import { number } from '../../format.ts';
import { TableHead } from '../../ui/TableHead.tsx';
import { type Choice, NO_DECISION_CHOICES, STALE_CHOICES } from '../backtest-view.ts';
import { REQUIRED_FIELDS } from '../dialog-checks.ts';
import type { Analysis, ParsedFileInfo } from '../types.ts';
import { ColumnOptions } from './ColumnOptions.tsx';

const FIELD_HINTS: Record<MappingField, string> = {
  id: 'Optional: repeated ids are reported and counted once.',
  stage: 'Won, lost, no decision or still open: you say which values mean what below.',
  amount: 'Booked value of won deals.',
  created: 'When the opportunity was created or first engaged.',
  closed: 'When a won or lost deal closed.',
  listPrice:
    'Optional: the discount is 1 − amount / list price. It can come from a lookup table (step 3).',
  owner: 'Optional: distinct owners become the team’s reps and the per-rep arrival rate.',
};

interface Props {
  main: ParsedFileInfo;
  analysis: Analysis | undefined;
  mapping: ColumnMapping;
  touched: ReadonlySet<MappingField>;
  outcomeChoice: Readonly<Record<string, Outcome>>;
  dateChoice: Readonly<Record<string, DateOrder>>;
  onMap(field: MappingField, column: string): void;
  onOutcome(value: string, outcome: Outcome): void;
  onDateOrder(column: string, order: DateOrder): void;
  noDecision: NoDecisionPolicy;
  stale: StalePolicy;
  onNoDecision(policy: NoDecisionPolicy): void;
  onStale(policy: StalePolicy): void;
}

/** What the "Counts as" select offers for a stage value. */
export const OUTCOME_OPTIONS: readonly { value: Outcome; label: string }[] = [
  { value: 'won', label: 'won' },
  { value: 'lost', label: 'lost' },
  { value: 'no-decision', label: 'no decision (closed, nobody chosen)' },
  { value: 'open', label: 'open (still running)' },
];

export function ColumnsStep(props: Props) {
  const { main, analysis, mapping, touched, onMap } = props;
  const columns = analysis?.columns ?? main.headers;
  const example = (column: string | undefined) => {
    const c = column === undefined ? -1 : main.headers.indexOf(column);
    if (c < 0) return undefined;
    const values = main.sample.map((row) => (row[c] ?? '').trim()).filter((v) => v !== '');
    return values.slice(0, 3).join(', ');
  };
  return (
    <section className="crm-step-body" aria-labelledby="crm-columns-heading">
      <h3 id="crm-columns-heading" tabIndex={-1}>
        2. Columns, stage values and dates
      </h3>
      <p className="crm-lead">
        Guessed from the column names: check each one. Fields marked * are needed.
      </p>
      <div className="crm-mapping">
        {MAPPING_FIELDS.map((field) => {
          const id = `crm-map-${field}`;
          const value = mapping[field] ?? '';
          const required = REQUIRED_FIELDS.includes(field);
          const guessed = value !== '' && !touched.has(field) && analysis?.guess[field] === value;
          const ex = example(value || undefined);
          return (
            <div className="crm-map-row" key={field}>
              <label htmlFor={id}>
                {MAPPING_FIELD_LABELS[field].replace(/^./, (c) => c.toUpperCase())}
                {required ? ' *' : ''}
              </label>
              <div className="crm-map-control">
                <select
                  id={id}
                  value={value}
                  aria-describedby={`${id}-hint`}
                  aria-invalid={required && value === '' ? true : undefined}
                  onChange={(e) => onMap(field, e.target.value)}
                >
                  <option value="">{required ? 'Choose a column…' : '— not in the file —'}</option>
                  <ColumnOptions columns={columns} chosen={value} />
                </select>
                {guessed ? <span className="crm-tag">guessed</span> : null}
              </div>
              <p className="hint" id={`${id}-hint`}>
                {FIELD_HINTS[field]}
                {ex ? (
                  <>
                    {' '}
                    E.g. <span className="mono">{ex}</span>
                  </>
                ) : null}
              </p>
            </div>
          );
        })}
      </div>
      <DatesSection {...props} />
      <OutcomesTable {...props} />
      <PoliciesSection {...props} />
    </section>
  );
}

function OutcomesTable({ analysis, mapping, outcomeChoice, onOutcome }: Props) {
  if (!mapping.stage) return null;
  const rows = analysis?.outcomes;
  return (
    <section className="crm-subsection" aria-labelledby="crm-outcomes-heading">
      <h4 id="crm-outcomes-heading">What each value of “{mapping.stage}” means</h4>
      <p className="hint">
        Open deals are not losses: they count as still running at the export date (censored) for the
        sales cycle, and not at all for the win rate.
      </p>
      {!rows ? (
        <p role="status">Reading the stage values…</p>
      ) : rows.length === 0 ? (
        <p className="crm-error">Column “{mapping.stage}” is empty: choose the stage column.</p>
      ) : (
        <>
          {analysis && analysis.outcomeValues > 30 ? (
            <p className="crm-warning">
              “{mapping.stage}” has {number(analysis.outcomeValues)} different values: is it the
              stage column?
              {analysis.outcomeValues > rows.length
                ? ` The ${rows.length} most frequent are shown; the others count as open.`
                : ''}
            </p>
          ) : null}
          <div className="crm-table-scroll crm-outcomes-scroll">
            <table className="crm-table crm-outcomes" data-testid="crm-outcomes">
              <TableHead columns={['Stage value', 'Opportunities', 'Counts as']} />
              <tbody>
                {rows.map((entry, i) => {
                  const chosen = outcomeChoice[entry.value];
                  const id = `crm-outcome-${i}`;
                  return (
                    <tr key={entry.value}>
                      <th scope="row">
                        <label htmlFor={id}>{entry.value}</label>
                      </th>
                      <td>{number(entry.count)}</td>
                      <td>
                        <select
                          id={id}
                          value={chosen ?? entry.outcome}
                          onChange={(e) => onOutcome(entry.value, e.target.value as Outcome)}
                        >
                          {OUTCOME_OPTIONS.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        {chosen === undefined ? <span className="crm-tag">guessed</span> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** How deals closed without a decision, and open deals far older than any win, are used. */
function PoliciesSection({
  analysis,
  mapping,
  outcomeChoice,
  noDecision,
  stale,
  onNoDecision,
  onStale,
}: Props) {
  if (!mapping.stage) return null;
  const noDecisionValues = (analysis?.outcomes ?? []).filter(
    (e) => (outcomeChoice[e.value] ?? e.outcome) === 'no-decision',
  );
  const count = noDecisionValues.reduce((n, e) => n + e.count, 0);
  return (
    <section className="crm-subsection crm-policies" aria-labelledby="crm-policies-heading">
      <h4 id="crm-policies-heading">Deals without a clear outcome</h4>
      <PolicyChoice
        name="crm-no-decision"
        legend="Deals closed with no decision count as"
        status={
          count > 0
            ? `${number(count)} deal${count === 1 ? '' : 's'} (${noDecisionValues.map((e) => `“${e.value}”`).join(', ')}).`
            : 'No stage value above is marked “no decision”: this applies if you mark one.'
        }
        choices={NO_DECISION_CHOICES}
        value={noDecision}
        onChange={onNoDecision}
      />
      <PolicyChoice
        name="crm-stale"
        legend="Stale open deals — open longer than 99% of won deals took — are"
        status="How many there are is shown on the Fits step."
        choices={STALE_CHOICES}
        value={stale}
        onChange={onStale}
      />
    </section>
  );
}

function PolicyChoice<T extends string>({
  name,
  legend,
  status,
  choices,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  status: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange(value: T): void;
}) {
  return (
    <fieldset className="crm-policy" data-testid={name}>
      <legend>{legend}</legend>
      <p className="hint">{status}</p>
      {choices.map((c) => {
        const id = `${name}-${c.value}`;
        return (
          <div className="crm-policy-choice" key={c.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={c.value}
              checked={value === c.value}
              aria-describedby={`${id}-explain`}
              onChange={() => onChange(c.value)}
            />
            <label htmlFor={id} className="crm-policy-label">
              {c.label}
            </label>
            <p className="hint" id={`${id}-explain`}>
              {c.explain}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

function DatesSection({ analysis, mapping, dateChoice, onDateOrder }: Props) {
  const fields = (['created', 'closed'] as const).filter((f) => mapping[f]);
  if (fields.length === 0) return null;
  // Both fields on one column: ask once.
  const seen = new Set<string>();
  return (
    <section className="crm-subsection" aria-labelledby="crm-dates-heading">
      <h4 id="crm-dates-heading">Date formats</h4>
      {fields.map((field) => {
        const column = mapping[field] as string;
        if (seen.has(column)) return null;
        seen.add(column);
        const d = analysis?.dates[field];
        if (!d) return null;
        return (
          <DateRow
            key={field}
            field={field}
            column={column}
            detection={d}
            choice={dateChoice[column]}
            onChoose={(order) => onDateOrder(column, order)}
          />
        );
      })}
    </section>
  );
}

function DateRow({
  field,
  column,
  detection: d,
  choice,
  onChoose,
}: {
  field: 'created' | 'closed';
  column: string;
  detection: DateDetection;
  choice: DateOrder | undefined;
  onChoose(order: DateOrder): void;
}) {
  const id = `crm-date-${field}`;
  switch (d.kind) {
    case 'detected':
      return (
        <p className="crm-date-ok" data-testid={id}>
          <span className="mono">{column}</span>: {d.format} (recognized in all {number(d.values)}{' '}
          values).
        </p>
      );
    case 'empty':
      return (
        <p className="crm-error" data-testid={id}>
          Column <span className="mono">{column}</span> is empty: choose the column with the{' '}
          {MAPPING_FIELD_LABELS[field]}.
        </p>
      );
    case 'unrecognized':
      return (
        <p className="crm-error" data-testid={id}>
          Column <span className="mono">{column}</span> holds no dates (e.g.{' '}
          {d.examples.map((e) => `“${e.slice(0, 30)}”`).join(', ')}). Dates must look like
          yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy.
        </p>
      );
    default: {
      const candidates: DateOrder[] = d.kind === 'ambiguous' ? d.candidates : ['ymd', 'dmy', 'mdy'];
      const explanation =
        d.kind === 'ambiguous'
          ? `Every date in “${column}” reads both as ${d.formats.join(' and as ')} (e.g. ${d.examples.join(', ')}). Which is it?`
          : `The dates in “${column}” mix formats (e.g. ${d.examples.slice(0, 4).join(', ')}): no single format fits them all. Choose the one to use; rows that do not fit it are listed in the row report.`;
      return (
        <div className={`crm-date-ask${choice ? '' : ' needs-answer'}`} data-testid={id}>
          <p id={`${id}-why`}>{explanation}</p>
          <label htmlFor={id}>Date format of “{column}”</label>{' '}
          <select
            id={id}
            value={choice ?? ''}
            aria-describedby={`${id}-why`}
            aria-invalid={choice ? undefined : true}
            onChange={(e) => onChoose(e.target.value as DateOrder)}
          >
            <option value="" disabled>
              Choose…
            </option>
            {candidates.map((o) => (
              <option key={o} value={o}>
                {DATE_FORMAT_NAMES[o]}
                {o === 'dmy' ? ' (day first)' : o === 'mdy' ? ' (month first)' : ''}
              </option>
            ))}
          </select>
        </div>
      );
    }
  }
}
