/**
 * Step 3 (optional): lookup tables joined onto the export by a key column — accounts by account,
 * products by product — so segments can use their columns and a list price can come from them.
 * Unmatched keys are listed with near-miss suggestions, accepted with one click as aliases.
 */
import { type ColumnMapping, MAPPING_FIELD_LABELS } from '@sweetspot/calibration';
import { useState } from 'react';
import { number } from '../../format.ts';
import { DropZone } from '../DropZone.tsx';
import type { Analysis, JoinDraft, JoinSummary, ParsedFileInfo } from '../types.ts';

interface Props {
  main: ParsedFileInfo;
  lookups: readonly ParsedFileInfo[];
  joins: readonly JoinDraft[];
  analysis: Analysis | undefined;
  mapping: ColumnMapping;
  busy: boolean;
  error: string | undefined;
  onFile(file: File): void;
  onProblem(message: string): void;
  onChange(uid: number, change: Partial<JoinDraft>): void;
  onRemove(uid: number): void;
}

export function JoinsStep(props: Props) {
  const { main, lookups, joins, analysis, mapping, busy, error, onFile, onProblem } = props;
  // Reports come in join order, for the joins that have both columns chosen.
  const complete = joins.filter((j) => j.column !== '' && j.key !== '');
  const reportOf = (j: JoinDraft) => {
    const i = complete.indexOf(j);
    return i >= 0 && !analysis?.joinError ? analysis?.joins[i] : undefined;
  };
  const fromJoins = (Object.entries(mapping) as [keyof ColumnMapping, string][]).filter(
    ([, column]) => column && !main.headers.includes(column),
  );
  return (
    <section className="crm-step-body" aria-labelledby="crm-joins-heading">
      <h3 id="crm-joins-heading" tabIndex={-1}>
        3. Lookup tables (optional)
      </h3>
      <p className="crm-lead">
        Add a table of accounts or products to segment by its columns (sector, product series…) or
        to read a list price from it. Each row of the export is matched by a key column, such as{' '}
        <span className="mono">account</span> or <span className="mono">product</span>.
      </p>
      {joins.map((j) => (
        <JoinCard
          key={j.uid}
          join={j}
          main={main}
          lookup={lookups.find((l) => l.fileId === j.fileId)}
          report={reportOf(j)}
          onChange={(change) => props.onChange(j.uid, change)}
          onRemove={() => props.onRemove(j.uid)}
        />
      ))}
      {analysis?.joinError ? (
        <p className="crm-error" role="alert">
          {analysis.joinError}
        </p>
      ) : null}
      {fromJoins.length > 0 ? (
        <p className="crm-note" data-testid="crm-mapped-from-joins">
          From the lookup tables:{' '}
          {fromJoins.map(([field, column], i) => (
            <span key={field}>
              {i > 0 ? '; ' : ''}
              {MAPPING_FIELD_LABELS[field]} is read from <span className="mono">{column}</span>
            </span>
          ))}{' '}
          (change it in step 2).
        </p>
      ) : null}
      <h4 className="crm-add-heading">{joins.length > 0 ? 'Add another table' : 'Add a table'}</h4>
      <DropZone kind="lookup" busy={busy} error={error} onFile={onFile} onProblem={onProblem} />
    </section>
  );
}

interface CardProps {
  join: JoinDraft;
  main: ParsedFileInfo;
  lookup: ParsedFileInfo | undefined;
  report: JoinSummary | undefined;
  onChange(change: Partial<JoinDraft>): void;
  onRemove(): void;
}

function JoinCard({ join, main, lookup, report, onChange, onRemove }: CardProps) {
  const id = `crm-join-${join.uid}`;
  const aliases = Object.entries(join.aliases);
  const setAlias = (from: string, to: string) =>
    onChange({ aliases: { ...join.aliases, [from]: to } });
  const dropAlias = (from: string) => {
    const next = { ...join.aliases };
    delete next[from];
    onChange({ aliases: next });
  };
  return (
    <section className="crm-card" aria-labelledby={`${id}-title`} data-testid="crm-join">
      <div className="crm-card-head">
        <h4 id={`${id}-title`}>
          {join.fileName}
          {lookup ? (
            <span className="crm-card-sub">
              {' '}
              · {number(lookup.rows)} rows, {lookup.headers.length} columns
            </span>
          ) : null}
        </h4>
        <button type="button" className="small" onClick={onRemove}>
          Remove <span className="visually-hidden">{join.fileName}</span>
        </button>
      </div>
      <div className="crm-join-keys">
        <div className="field">
          <label htmlFor={`${id}-column`}>Export column</label>
          <select
            id={`${id}-column`}
            value={join.column}
            onChange={(e) => onChange({ column: e.target.value, aliases: {} })}
          >
            <option value="">Choose…</option>
            {main.headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </div>
        <span className="crm-join-equals" aria-hidden="true">
          =
        </span>
        <div className="field">
          <label htmlFor={`${id}-key`}>Key column in {join.fileName}</label>
          <select
            id={`${id}-key`}
            value={join.key}
            onChange={(e) => onChange({ key: e.target.value, aliases: {} })}
          >
            <option value="">Choose…</option>
            {(lookup?.headers ?? []).map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </div>
      </div>
      {report ? (
        <JoinReportView id={id} join={join} report={report} total={main.rows} onAlias={setAlias} />
      ) : null}
      {aliases.length > 0 ? (
        <div className="crm-aliases">
          <h5>Aliases</h5>
          <ul>
            {aliases.map(([from, to]) => (
              <li key={from}>
                <span className="mono">“{from}”</span> is read as{' '}
                <span className="mono">“{to}”</span>{' '}
                <button
                  type="button"
                  className="link-like"
                  onClick={() => dropAlias(from)}
                  aria-label={`Remove the alias ${from} → ${to}`}
                >
                  remove
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function JoinReportView({
  id,
  join,
  report,
  total,
  onAlias,
}: {
  id: string;
  join: JoinDraft;
  report: JoinSummary;
  total: number;
  onAlias(from: string, to: string): void;
}) {
  return (
    <div className="crm-join-report" data-testid="crm-join-report">
      <p>
        <strong>{number(report.matched)}</strong> of {number(total)} rows matched
        {report.aliased > 0 ? ` (${number(report.aliased)} through aliases)` : ''}
        {report.emptyKey > 0 ? `, ${number(report.emptyKey)} have no ${report.column}` : ''}
        {report.unmatchedRows > 0 ? (
          <>
            , <strong className="crm-bad">{number(report.unmatchedRows)} unmatched</strong> (
            {number(report.unmatchedKeys)} {report.unmatchedKeys === 1 ? 'key' : 'keys'})
          </>
        ) : null}
        . Adds columns: {report.added.map((a) => a).join(', ') || 'none'}.
      </p>
      {report.duplicateKeys.length > 0 ? (
        <p className="crm-warning">
          Keys listed more than once in {join.fileName} (the first row is used):{' '}
          {report.duplicateKeys.slice(0, 5).join(', ')}.
        </p>
      ) : null}
      {report.unmatched.length > 0 ? (
        <ul className="crm-unmatched" aria-label={`Unmatched ${report.column} values`}>
          {report.unmatched.slice(0, 10).map((u, i) => (
            <UnmatchedRow
              key={u.key}
              id={`${id}-u${i}`}
              unmatched={u}
              keys={report.lookupKeys}
              onAlias={(to) => onAlias(u.key, to)}
            />
          ))}
          {report.unmatchedKeys > 10 ? (
            <li className="hint">…and {number(report.unmatchedKeys - 10)} more keys.</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

function UnmatchedRow({
  id,
  unmatched: u,
  keys,
  onAlias,
}: {
  id: string;
  unmatched: JoinSummary['unmatched'][number];
  keys: string[] | undefined;
  onAlias(to: string): void;
}) {
  const [manual, setManual] = useState('');
  return (
    <li data-testid="crm-unmatched">
      <span className="mono">“{u.key}”</span>: {number(u.rows)} rows (e.g. line
      {u.firstLines.length > 1 ? 's' : ''} {u.firstLines.slice(0, 3).join(', ')}).{' '}
      {u.suggestions.length > 0 ? (
        <>
          Did you mean{' '}
          {u.suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 ? ' or ' : ''}
              <span className="mono">“{s}”</span>
              {i === u.suggestions.length - 1 ? '?' : ''}{' '}
              <button
                type="button"
                className="small crm-accept"
                onClick={() => onAlias(s)}
                aria-label={`Accept alias ${u.key} → ${s}`}
              >
                Accept
              </button>
            </span>
          ))}
        </>
      ) : (
        <span className="hint">No close match in the table.</span>
      )}
      {keys && keys.length > 0 ? (
        <span className="crm-manual-alias">
          <label htmlFor={id} className="visually-hidden">
            Read “{u.key}” as
          </label>
          <select id={id} value={manual} onChange={(e) => setManual(e.target.value)}>
            <option value="">or read it as…</option>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="small"
            disabled={manual === ''}
            onClick={() => onAlias(manual)}
          >
            Use <span className="visually-hidden">this key for “{u.key}”</span>
          </button>
        </span>
      ) : null}
    </li>
  );
}
