/** Controls shared by the decision panels: period and trials inputs, progress with Cancel, errors with Retry. */
import type { DecisionProgress } from '@sweetspot/decision';
import { type ReactNode, useId, useState } from 'react';
import { RunError } from '../ui/RunError.tsx';
import { count } from './format.ts';
import type { Analysis } from './useAnalysis.ts';

/** "Measured over": the whole horizon or one quarter (1-based), as the decision package takes it. */
export function PeriodSelect({
  id,
  quarters,
  value,
  onChange,
  horizonOnly = false,
}: {
  id: string;
  quarters: number;
  value: number | undefined;
  onChange(quarter: number | undefined): void;
  horizonOnly?: boolean;
}) {
  const horizon = quarters === 4 ? 'Year' : quarters === 1 ? 'Quarter' : `${quarters} quarters`;
  return (
    <div className="field decision-field">
      <label htmlFor={id}>Measured over</label>
      <select
        id={id}
        value={value === undefined ? 'horizon' : String(value)}
        onChange={(e) =>
          onChange(e.target.value === 'horizon' ? undefined : Number(e.target.value))
        }
      >
        <option value="horizon">{horizon}</option>
        {quarters > 1 && !horizonOnly
          ? Array.from({ length: quarters }, (_, i) => `Q${i + 1}`).map((q, i) => (
              <option key={q} value={String(i + 1)}>
                {q}
              </option>
            ))
          : null}
      </select>
    </div>
  );
}

/** A labelled select of a decision form; a number's option goes through its text and back. */
export function SelectControl<T extends string | number>({
  id,
  label,
  value,
  options,
  onChange,
  wide = false,
  disabled,
  describedBy,
  children,
}: {
  id: string;
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: ReactNode }>;
  onChange(value: NoInfer<T>): void;
  wide?: boolean;
  disabled?: boolean;
  describedBy?: string | undefined;
  /** Shown under the select (why it is disabled). */
  children?: ReactNode;
}) {
  return (
    <div className={`field decision-field${wide ? ' decision-field-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const chosen = options.find((o) => String(o.value) === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
        disabled={disabled}
        aria-describedby={describedBy}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}

export const MIN_TRIALS = 100;
export const MAX_TRIALS = 100_000;

/** Parses a trials field: a whole number in range, or undefined. */
export function parseTrials(text: string): number | undefined {
  const n = Number(text.replace(/[\s,_]/g, ''));
  return Number.isInteger(n) && n >= MIN_TRIALS && n <= MAX_TRIALS ? n : undefined;
}

/** Parses a trials field that also takes "auto" (or nothing): the trials chosen by precision. */
export function parseTrialsOrAuto(text: string): number | 'auto' | undefined {
  const t = text.trim().toLowerCase();
  return t === '' || t === 'auto' ? 'auto' : parseTrials(text);
}

/** A trials field's state: its text and the trials it reads (undefined while invalid). */
export interface TrialsText<T> {
  text: string;
  setText(text: string): void;
  trials: T | undefined;
  /** "auto" (or nothing) is a valid entry: the analysis chooses the trials by precision. */
  allowAuto: boolean;
  /** Why Run waits while the text is invalid (`missing`). */
  problem: string | undefined;
}

/** The state of a trials field starting at `initial`; `allowAuto` also takes "auto". */
export function useTrialsText(initial: string, missing: string): TrialsText<number>;
export function useTrialsText(
  initial: string,
  missing: string,
  allowAuto: true,
): TrialsText<number | 'auto'>;
export function useTrialsText(
  initial: string,
  missing: string,
  allowAuto = false,
): TrialsText<number | 'auto'> {
  const [text, setText] = useState(initial);
  const trials = allowAuto ? parseTrialsOrAuto(text) : parseTrials(text);
  return { text, setText, trials, allowAuto, problem: trials === undefined ? missing : undefined };
}

/** A trials-per-run field with its note and validation message. */
export function TrialsField({
  id,
  label = 'Trials per run',
  field: { text, setText, trials, allowAuto },
  note,
}: {
  id: string;
  label?: string;
  field: TrialsText<unknown>;
  note?: ReactNode;
}) {
  const valid = trials !== undefined;
  const describedBy = [note ? `${id}-note` : '', valid ? '' : `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field decision-field${valid ? '' : ' has-error'}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={valid ? undefined : true}
        aria-describedby={describedBy || undefined}
      />
      {valid ? null : (
        <p id={`${id}-error`} className="field-error">
          A whole number from {count(MIN_TRIALS)} to {count(MAX_TRIALS)}
          {allowAuto ? ', or auto' : ''}
        </p>
      )}
      {note ? (
        <p id={`${id}-note`} className="hint">
          {note}
        </p>
      ) : null}
    </div>
  );
}

function progressText(p: DecisionProgress | undefined): string {
  if (!p) return 'Starting…';
  const runs = p.runs !== undefined ? `${count(p.runsDone ?? 0)} of ${count(p.runs)} runs · ` : '';
  return `${runs}${count(p.done)} of ${count(p.total)} trials`;
}

/**
 * The Run button, and while running a progress bar with Cancel; after a failure, the message with
 * Retry; after a cancel, what happened; and a note when the results are for an earlier scenario.
 */
export function RunControls<R, P, S>({
  name,
  analysis: { state, scenarioKey, cancel },
  disabledReason,
  onRun,
  retry,
  runLabel = 'Run',
}: {
  /** What runs, for labels: "sensitivity analysis". */
  name: string;
  /** The panel's analysis (useAnalysis): its state, the latest scenario, Cancel. */
  analysis: Analysis<R, P, S>;
  /** Why Run is disabled (invalid settings or scenario), if it is. */
  disabledReason: string | undefined;
  onRun(): void;
  /** Runs again with the failed run's settings (Retry). */
  retry(settings: S): void;
  runLabel?: string;
}) {
  const progressId = useId();
  const running = state.status === 'running';
  const p = state.progress;
  const stale = state.key !== undefined && state.key !== scenarioKey && state.status !== 'running';
  return (
    <div className="decision-run" data-status={state.status}>
      <div className="decision-run-row">
        {running ? (
          <button type="button" onClick={() => cancel()} data-testid="cancel">
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={onRun}
            disabled={disabledReason !== undefined}
            aria-describedby={disabledReason ? `${progressId}-why` : undefined}
            data-testid="run"
          >
            {runLabel}
          </button>
        )}
        {running ? (
          <>
            <label htmlFor={progressId} className="visually-hidden">
              Progress of the {name}
            </label>
            <progress
              id={progressId}
              max={p?.total || 1}
              value={p?.done ?? 0}
              aria-valuetext={progressText(p)}
            />
          </>
        ) : null}
        <span className="decision-run-text" role="status" aria-live="polite" data-testid="status">
          {running
            ? progressText(p)
            : state.status === 'cancelled'
              ? `${state.note ?? 'Cancelled.'}${state.partial ? ' What had finished is shown.' : ''}`
              : state.status === 'done' && !stale
                ? 'Done.'
                : ''}
        </span>
      </div>
      {disabledReason && !running ? (
        <p id={`${progressId}-why`} className="hint">
          {disabledReason}
        </p>
      ) : null}
      {stale && (state.result || state.partial) ? (
        <p className="decision-stale" data-testid="stale">
          Stale: these results are for an earlier version of the scenario. Run again to update them.
        </p>
      ) : null}
      {state.status === 'error' ? (
        <RunError
          title={`The ${name} failed.`}
          detail={state.error}
          onRetry={() => state.settings && retry(state.settings)}
          testId="error"
        />
      ) : null}
    </div>
  );
}
