/**
 * Step 4: segments — id, name, sweet-spot flag, and rules over export or joined columns (is one
 * of, is not one of, equals, ≥, <) — with a live count of the rows each segment takes and of
 * the rows in no segment. The first segment whose rules all hold takes a row.
 */
import { segmentSlug } from '@sweetspot/calibration';
import type { Dispatch, SetStateAction } from 'react';
import { number } from '../../format.ts';
import { type DraftProblem, MAX_SEGMENTS, OP_LABELS } from '../segments-draft.ts';
import type { Analysis, RuleDraft, RuleOp, SegmentDraft } from '../types.ts';
import { nextUid } from '../uid.ts';
import { ColumnOptions } from './ColumnOptions.tsx';

/** Columns with at most this many values get checkboxes for "is one of". */
const CHECKBOX_LIMIT = 40;

interface Props {
  segments: readonly SegmentDraft[];
  setSegments: Dispatch<SetStateAction<SegmentDraft[]>>;
  analysis: Analysis | undefined;
  /** Indexes of the segments counted live (all rules complete), in order. */
  countable: readonly number[];
  problems: readonly DraftProblem[];
}

function emptyRule(column = ''): RuleDraft {
  return { uid: nextUid(), column, op: 'in', values: [], text: '' };
}

export function SegmentsStep({ segments, setSegments, analysis, countable, problems }: Props) {
  const update = (uid: number, edit: (s: SegmentDraft) => SegmentDraft) =>
    setSegments((all) => all.map((s) => (s.uid === uid ? edit(s) : s)));
  const counts =
    analysis?.segments && 'counts' in analysis.segments ? analysis.segments : undefined;
  const countOf = (i: number) => {
    const k = countable.indexOf(i);
    return k >= 0 && counts ? counts.counts[k] : undefined;
  };
  const lastColumn = segments.flatMap((s) => s.rules.map((r) => r.column)).find((c) => c !== '');
  const add = () =>
    setSegments((all) => {
      const n = all.length + 1;
      return [
        ...all,
        {
          uid: nextUid(),
          id: `segment-${n}`,
          idTouched: false,
          name: `Segment ${n}`,
          sweetSpot: false,
          rules: [emptyRule(lastColumn)],
        },
      ];
    });
  const move = (i: number, by: number) =>
    setSegments((all) => {
      const j = i + by;
      if (j < 0 || j >= all.length) return all;
      const next = [...all];
      [next[i], next[j]] = [next[j] as SegmentDraft, next[i] as SegmentDraft];
      return next;
    });
  return (
    <section className="crm-step-body" aria-labelledby="crm-segments-heading">
      <h3 id="crm-segments-heading" tabIndex={-1}>
        4. Segments
      </h3>
      <p className="crm-lead">
        Each segment gets its own win rate, deal size, cycle and arrivals. A row goes to the{' '}
        <strong>first</strong> segment whose rules all hold; a segment without rules takes every row
        left. Mark the segment(s) your focus strategy pursues as the sweet spot.
      </p>
      <p className="crm-live" role="status" data-testid="crm-segment-live">
        {counts ? (
          <>
            Of {number(analysis?.rows ?? 0)} rows in the file:{' '}
            {segments.map((s, i) => {
              const c = countOf(i);
              return (
                <span key={s.uid}>
                  {i > 0 ? ' · ' : ''}
                  {s.name || `Segment ${i + 1}`} {c === undefined ? '—' : number(c)}
                </span>
              );
            })}{' '}
            ·{' '}
            <strong className={counts.none > 0 ? 'crm-bad' : ''}>
              in no segment {number(counts.none)}
            </strong>
          </>
        ) : analysis?.segments && 'error' in analysis.segments ? (
          <span className="crm-bad">{analysis.segments.error}</span>
        ) : (
          'Counting rows…'
        )}
      </p>
      {counts?.warnings.map((w) => (
        <p key={w} className="crm-warning">
          {w}
        </p>
      ))}
      <ol className="crm-segments">
        {segments.map((s, i) => (
          <li key={s.uid}>
            <SegmentCard
              index={i}
              total={segments.length}
              segment={s}
              count={countOf(i)}
              analysis={analysis}
              problems={problems.filter((p) => p.segment === i)}
              onChange={(edit) => update(s.uid, edit)}
              onRemove={() => setSegments((all) => all.filter((x) => x.uid !== s.uid))}
              onMove={(by) => move(i, by)}
            />
          </li>
        ))}
      </ol>
      <button type="button" onClick={add} disabled={segments.length >= MAX_SEGMENTS}>
        Add segment
      </button>
    </section>
  );
}

interface CardProps {
  index: number;
  total: number;
  segment: SegmentDraft;
  count: number | undefined;
  analysis: Analysis | undefined;
  problems: readonly DraftProblem[];
  onChange(edit: (s: SegmentDraft) => SegmentDraft): void;
  onRemove(): void;
  onMove(by: number): void;
}

function SegmentCard(props: CardProps) {
  const { index, total, segment: s, count, analysis, problems, onChange } = props;
  const id = `crm-seg-${index + 1}`;
  const label = `Segment ${index + 1}`;
  const segProblems = problems.filter((p) => p.rule === undefined);
  const setRule = (uid: number, change: Partial<RuleDraft>) =>
    onChange((seg) => ({
      ...seg,
      rules: seg.rules.map((r) => (r.uid === uid ? { ...r, ...change } : r)),
    }));
  return (
    <fieldset className={`crm-card crm-segment${s.sweetSpot ? ' sweet' : ''}`}>
      <legend>
        {label}
        {s.sweetSpot ? <span className="tag">sweet spot</span> : null}
        <span className="crm-count" data-testid={`${id}-count`}>
          {count === undefined ? 'rows: —' : `${number(count)} rows`}
        </span>
      </legend>
      <div className="crm-segment-fields">
        <div className="field">
          <label htmlFor={`${id}-name`}>{label} name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={s.name}
            maxLength={200}
            onChange={(e) => {
              const name = e.target.value;
              onChange((seg) => ({
                ...seg,
                name,
                id: seg.idTouched ? seg.id : segmentSlug(name) || `segment-${index + 1}`,
              }));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-id`}>{label} id</label>
          <input
            id={`${id}-id`}
            type="text"
            className="mono"
            value={s.id}
            maxLength={64}
            spellCheck={false}
            onChange={(e) => {
              const value = e.target.value;
              onChange((seg) => ({ ...seg, id: value, idTouched: true }));
            }}
          />
        </div>
        <div className="check crm-sweet">
          <input
            id={`${id}-sweet`}
            type="checkbox"
            checked={s.sweetSpot}
            onChange={(e) => {
              const sweetSpot = e.target.checked;
              onChange((seg) => ({ ...seg, sweetSpot }));
            }}
          />
          <label htmlFor={`${id}-sweet`}>{label} is the sweet spot</label>
        </div>
        <div className="crm-segment-actions">
          <button
            type="button"
            className="small"
            onClick={() => props.onMove(-1)}
            disabled={index === 0}
          >
            Move up <span className="visually-hidden">{label}</span>
          </button>
          <button
            type="button"
            className="small"
            onClick={() => props.onMove(1)}
            disabled={index === total - 1}
          >
            Move down <span className="visually-hidden">{label}</span>
          </button>
          <button type="button" className="small" onClick={props.onRemove} disabled={total === 1}>
            Remove <span className="visually-hidden">{label}</span>
          </button>
        </div>
      </div>
      {segProblems.map((p) => (
        <p key={p.message} className="field-error">
          {p.message}
        </p>
      ))}
      <div className="crm-rules">
        {s.rules.length === 0 ? (
          <p className="hint">No rules: this segment takes every row the segments above leave.</p>
        ) : (
          <p className="hint">Rows where all of these hold:</p>
        )}
        {s.rules.map((r, k) => (
          <RuleRow
            key={r.uid}
            id={`${id}-rule-${k + 1}`}
            label={`${label} rule ${k + 1}`}
            rule={r}
            analysis={analysis}
            problem={problems.find((p) => p.rule === k)?.message}
            onChange={(change) => setRule(r.uid, change)}
            onRemove={() =>
              onChange((seg) => ({ ...seg, rules: seg.rules.filter((x) => x.uid !== r.uid) }))
            }
          />
        ))}
        <button
          type="button"
          className="small"
          onClick={() => {
            const column = s.rules[s.rules.length - 1]?.column ?? '';
            onChange((seg) => ({ ...seg, rules: [...seg.rules, emptyRule(column)] }));
          }}
        >
          Add rule <span className="visually-hidden">to {label}</span>
        </button>
      </div>
    </fieldset>
  );
}

interface RuleProps {
  id: string;
  label: string;
  rule: RuleDraft;
  analysis: Analysis | undefined;
  problem: string | undefined;
  onChange(change: Partial<RuleDraft>): void;
  onRemove(): void;
}

function RuleRow({ id, label, rule, analysis, problem, onChange, onRemove }: RuleProps) {
  const columns = analysis?.columns ?? [];
  const distinct = rule.column ? analysis?.distinct[rule.column] : undefined;
  const isSet = rule.op === 'in' || rule.op === 'not in';
  const checkboxes = isSet && distinct !== undefined && distinct.total <= CHECKBOX_LIMIT;
  const errorId = `${id}-error`;
  return (
    <div className="crm-rule" data-testid={id}>
      <div className="crm-rule-line">
        <div className="field">
          <RuleLabel htmlFor={`${id}-column`} rule={label} field="Column" />
          <select
            id={`${id}-column`}
            value={rule.column}
            onChange={(e) => onChange({ column: e.target.value, values: [] })}
          >
            <option value="">Choose…</option>
            <ColumnOptions columns={columns} chosen={rule.column} />
          </select>
        </div>
        <div className="field">
          <RuleLabel htmlFor={`${id}-op`} rule={label} field="Condition" />
          <select
            id={`${id}-op`}
            value={rule.op}
            onChange={(e) => onChange({ op: e.target.value as RuleOp })}
          >
            {(Object.keys(OP_LABELS) as RuleOp[]).map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op]}
              </option>
            ))}
          </select>
        </div>
        {!checkboxes ? (
          <div className="field crm-rule-value">
            <RuleLabel
              htmlFor={`${id}-value`}
              rule={label}
              field={isSet ? 'Values (comma-separated)' : 'Value'}
            />
            <input
              id={`${id}-value`}
              type="text"
              value={isSet && rule.values.length > 0 ? rule.values.join(', ') : rule.text}
              inputMode={rule.op === '>=' || rule.op === '<' ? 'decimal' : undefined}
              list={distinct && rule.op === '=' ? `${id}-options` : undefined}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? errorId : undefined}
              onChange={(e) => onChange({ text: e.target.value, values: [] })}
            />
            {distinct && rule.op === '=' ? (
              <datalist id={`${id}-options`}>
                {distinct.values.map((v) => (
                  <option key={v.value} value={v.value} />
                ))}
              </datalist>
            ) : null}
          </div>
        ) : null}
        <button type="button" className="small crm-rule-remove" onClick={onRemove}>
          Remove rule{' '}
          <span className="visually-hidden">{label.replace(/^(.*) rule (\d+)$/, '$2 of $1')}</span>
        </button>
      </div>
      {checkboxes && distinct ? (
        <fieldset className="crm-values">
          <legend>
            <span className="visually-hidden">{label}: </span>Values of {rule.column}
          </legend>
          {distinct.values.map((v) => {
            const checked = rule.values.some((x) => x.toLowerCase() === v.value.toLowerCase());
            const boxId = `${id}-v-${segmentSlug(v.value) || 'x'}-${distinct.values.indexOf(v)}`;
            return (
              <span className="check crm-value" key={v.value}>
                <input
                  id={boxId}
                  type="checkbox"
                  checked={checked}
                  onChange={(e) =>
                    onChange({
                      values: e.target.checked
                        ? [...rule.values, v.value]
                        : rule.values.filter((x) => x.toLowerCase() !== v.value.toLowerCase()),
                      text: '',
                    })
                  }
                />
                <label htmlFor={boxId}>
                  {v.value} <span className="crm-value-count">({number(v.count)})</span>
                </label>
              </span>
            );
          })}
          {distinct.empty > 0 ? (
            <span className="hint crm-value-empty">
              {number(distinct.empty)} rows have no {rule.column} (an empty cell meets no rule)
            </span>
          ) : null}
        </fieldset>
      ) : isSet && distinct ? (
        <p className="hint">
          Most frequent:{' '}
          {distinct.values
            .slice(0, 8)
            .map((v) => v.value)
            .join(', ')}
          {distinct.total > 8 ? ` (of ${number(distinct.total)} values)` : ''}
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** A rule field's label, after the rule's name for screen readers ("Segment 1 rule 2 Column"). */
function RuleLabel({ htmlFor, rule, field }: { htmlFor: string; rule: string; field: string }) {
  return (
    <label htmlFor={htmlFor}>
      <span className="visually-hidden">{rule} </span>
      {field}
    </label>
  );
}
