/**
 * Step 7: the backtest. The calibrated scenario's as-is strategy (what the team did: every deal
 * pursued, oldest first) is replayed and compared with the history — a table of figures (history,
 * replay, gap, within 5%?), a chart per quarter, the hours used and the named gaps. The team
 * numbers a CRM export does not hold (selling hours, quota) are shown with their sources and can
 * be changed: the fit and the replay run again. A checked figure off by more than 5% must be
 * accepted ("use it anyway") before the scenario can be opened.
 */
import type { Backtest, PoolSolve, SegmentRule, TeamSources } from '@sweetspot/calibration';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { money, number } from '../../format.ts';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import {
  backtestView,
  capacityText,
  needsAcceptance,
  POOL_HOURS_RANGE,
  parseTeamNumber,
  plainFlags,
  QUOTA_RANGE,
  SELLING_HOURS_RANGE,
  sentence,
  sourceText,
} from '../backtest-view.ts';
import { BacktestQuarterChart } from '../charts.tsx';
import type { CalibrateOutcome, TeamInput } from '../types.ts';
import { WarningList } from '../WarningList.tsx';
import { SplitNotice } from './SplitNotice.tsx';

interface Props {
  state: { outcome?: CalibrateOutcome; error?: string } | undefined;
  /** The last finished calibration: shown (dimmed) while new team numbers are replayed. */
  previous: CalibrateOutcome | undefined;
  team: TeamInput;
  onTeam(team: TeamInput): void;
  accepted: boolean;
  onAccept(accepted: boolean): void;
  currency: string;
  /** Puts a proposed sweet-spot split into the segments step. */
  onUseSplit(rules: SegmentRule[]): void;
}

export function BacktestStep(props: Props) {
  const { state, previous, currency } = props;
  const busy = !state?.outcome && !state?.error;
  const outcome = state?.outcome ?? (busy ? previous : undefined);
  const replay = outcome?.ok ? outcome.replay : undefined;
  const names = outcome?.ok
    ? Object.fromEntries(outcome.calibration.fits.map((f) => [f.id, f.name]))
    : {};
  return (
    <section className="crm-step-body" aria-labelledby="crm-backtest-heading">
      <h3 id="crm-backtest-heading" tabIndex={-1}>
        7. Backtest: does it replay your history?
      </h3>
      <p className="crm-lead">
        The scenario’s <strong>as-is</strong> strategy is what your team did: every deal in the
        export pursued, oldest first. It is simulated over the same period and compared with your
        history. The scenario compares <strong>focus</strong> (the same, sweet spot only) against
        it.
      </p>
      {outcome?.ok && outcome.calibration.split ? (
        <SplitNotice
          proposal={outcome.calibration.split}
          currency={currency}
          onUse={props.onUseSplit}
        />
      ) : null}
      <TeamNumbers
        {...props}
        team={props.team}
        sources={replay?.ok ? replay.team : undefined}
        pools={replay?.ok ? replay.pools : []}
      />
      {busy ? (
        <p role="status" className="crm-busy" data-testid="crm-backtest-busy">
          Fitting and replaying your history (a few seconds)…
        </p>
      ) : null}
      {state?.error ? (
        <p className="crm-error" role="alert">
          The backtest could not be computed: {state.error}
        </p>
      ) : !outcome ? null : !outcome.ok || !outcome.build.ok ? (
        <p className="crm-error" role="alert">
          There is no scenario to replay: fix the problems shown on the Fits step.
        </p>
      ) : !replay ? null : !replay.ok ? (
        <p className="crm-error" role="alert">
          {sentence(replay.error)}.
        </p>
      ) : (
        <div className={busy ? 'crm-stale-result' : undefined} aria-busy={busy || undefined}>
          <BacktestReport backtest={replay.backtest} names={names} currency={currency} />
          {busy ? null : <Verdict {...props} backtest={replay.backtest} />}
        </div>
      )}
    </section>
  );
}

function BacktestReport({
  backtest,
  names,
  currency,
}: {
  backtest: Backtest;
  names: Record<string, string>;
  currency: string;
}) {
  const { rows, gaps } = backtestView(backtest, names, currency);
  const fmtMoney = useCallback((x: number) => money(x, currency), [currency]);
  return (
    <>
      <h4 className="crm-backtest-title" id="crm-backtest-table-title">
        Your history vs the replay ({number(backtest.trials)} simulated histories)
      </h4>
      <ScrollRegion className="crm-table-scroll" labelledBy="crm-backtest-table-title">
        <table className="crm-table crm-backtest-table" data-testid="crm-backtest-table">
          <caption className="visually-hidden">
            Your history vs the replay, per figure: history, replay, gap and whether it is within 5%
          </caption>
          <TableHead columns={['Figure', 'History', 'Replay', 'Gap', 'Within 5%?']} />
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.key}
                className={r.within === 'no' ? 'crm-gap-row' : undefined}
                data-testid={`crm-backtest-${r.key}`}
              >
                <th scope="row" className="crm-bt-figure">
                  <span className="crm-bt-segment">{r.segment}</span> {r.figure}
                  {r.note ? <span className="unit crm-bt-note">{r.note}</span> : null}
                </th>
                <td>{r.history}</td>
                <td>{r.replay}</td>
                <td>{r.gap}</td>
                <td className={`crm-within crm-within-${r.within.replace(' ', '-')}`}>
                  {r.within === 'no' ? <strong>no</strong> : r.within}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="crm-note" data-testid="crm-backtest-hours">
        <strong>Hours</strong>: {capacityText(backtest)}
      </p>
      <BacktestQuarterChart backtest={backtest} money={fmtMoney} />
      {gaps.length > 0 ? (
        <section className="crm-subsection" aria-labelledby="crm-gaps-heading">
          <h4 id="crm-gaps-heading">Gaps</h4>
          <WarningList items={gaps} testId="crm-backtest-gaps" />
        </section>
      ) : null}
      <WarningList
        items={backtest.notes}
        show={(n) => sentence(plainFlags(n))}
        label="Notes on the backtest"
      />
    </>
  );
}

function Verdict({ backtest, accepted, onAccept }: Props & { backtest: Backtest }) {
  const id = useId();
  if (!needsAcceptance(backtest))
    return (
      <p className="crm-verdict ok" data-testid="crm-backtest-verdict">
        Every checked figure is within 5% of your history: <strong>Open as scenario</strong> loads
        it into the editor.
      </p>
    );
  const n = backtest.gaps.length;
  return (
    <div className="crm-verdict gap" data-testid="crm-backtest-verdict" role="alert">
      <p>
        <strong>
          {n} checked figure{n === 1 ? ' is' : 's are'} off by more than 5%
        </strong>
        : the scenario does not replay your history that closely (see the gaps above). You can still
        use it, knowing where it differs.
      </p>
      <label htmlFor={`${id}-accept`} className="crm-accept">
        <input
          id={`${id}-accept`}
          type="checkbox"
          checked={accepted}
          onChange={(e) => onAccept(e.target.checked)}
        />{' '}
        Use it anyway
      </label>
    </div>
  );
}

function TeamNumbers({
  team,
  onTeam,
  sources,
  pools,
  currency,
}: Props & { sources: TeamSources | undefined; pools: readonly PoolSolve[] }) {
  return (
    <section className="crm-subsection crm-team" aria-labelledby="crm-team-heading">
      <h4 id="crm-team-heading">Team numbers (not in a CRM export)</h4>
      <p className="hint">
        Effort per deal is solved from the selling hours: the most work per deal the hours allow
        while deals still close at their observed pace. Change a number to fit and replay again.
      </p>
      <div className="crm-team-fields">
        {(
          [
            ['sellingHours', 'crm-team-hours', 'Selling hours per rep per week', 'selling hours'],
            ['quota', 'crm-team-quota', `Quota per rep per quarter (${currency})`, 'quota'],
          ] as const
        ).map(([key, id, label, what]) => (
          <TeamField
            key={key}
            id={id}
            label={label}
            what={what}
            range={key === 'quota' ? QUOTA_RANGE : SELLING_HOURS_RANGE}
            given={team[key]}
            shown={sources?.[key].value}
            source={team[key] !== undefined ? 'given' : sources?.[key].source}
            onCommit={(value) => onTeam(withValue(team, key, value))}
          />
        ))}
        {pools.map((p) => (
          <TeamField
            key={p.id}
            id={`crm-team-pool-${p.id}`}
            label={`${p.name}: hours a week (whole team)`}
            what={`${p.name} hours`}
            range={POOL_HOURS_RANGE}
            given={team.specialistHours?.[p.id]}
            shown={p.hoursPerWeek}
            source={team.specialistHours?.[p.id] !== undefined ? 'given' : p.source}
            onCommit={(value) => onTeam(withPoolHours(team, p.id, value))}
          />
        ))}
      </div>
    </section>
  );
}

function withPoolHours(team: TeamInput, pool: string, value: number | undefined): TeamInput {
  const hours = { ...(team.specialistHours ?? {}) };
  if (value === undefined) delete hours[pool];
  else hours[pool] = value;
  const next: TeamInput = { ...team, specialistHours: hours };
  if (Object.keys(hours).length === 0) delete next.specialistHours;
  return next;
}

function withValue(
  team: TeamInput,
  key: 'sellingHours' | 'quota',
  value: number | undefined,
): TeamInput {
  const next = { ...team };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function TeamField({
  id,
  label,
  what,
  range,
  given,
  shown,
  source,
  onCommit,
}: {
  id: string;
  label: string;
  what: string;
  range: { min: number; max: number };
  given: number | undefined;
  shown: number | undefined;
  source: Parameters<typeof sourceText>[0] | undefined;
  onCommit(value: number | undefined): void;
}) {
  const value = given ?? shown;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [error, setError] = useState<string>();
  // Follow the package's value (e.g. the quota from a new history) until the person types one.
  useEffect(() => {
    setText(value === undefined ? '' : String(value));
    setError(undefined);
  }, [value]);
  const commit = () => {
    const parsed = parseTeamNumber(text, range, what);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    if (parsed.value === undefined) {
      // Emptied: back to the default.
      if (given !== undefined) onCommit(undefined);
      else setText(value === undefined ? '' : String(value));
    } else if (parsed.value !== value) onCommit(parsed.value);
  };
  return (
    <form
      className="crm-team-field"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        commit();
      }}
    >
      <label htmlFor={id} className="crm-team-label">
        {label}
      </label>
      <div className="crm-team-control">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          aria-describedby={`${id}-source`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
        />
        {given !== undefined ? (
          <button type="button" className="link-like" onClick={() => onCommit(undefined)}>
            Use the default
          </button>
        ) : null}
      </div>
      <p className="hint" id={`${id}-source`} data-testid={`${id}-source`}>
        {source ? sourceText(source) : 'Computed with the fit…'}
      </p>
      {error ? (
        <p className="crm-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
