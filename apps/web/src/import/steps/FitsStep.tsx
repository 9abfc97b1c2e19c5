/**
 * Step 5: the fits per segment with their diagnostics — sample sizes, win rate with its interval,
 * deal size fitted vs observed (with the lognormal chart), cycle by Kaplan–Meier vs closed-only,
 * discount, arrivals — what goes into the scenario, what is solved (effort per deal, by replaying
 * the history: see the backtest step) and what is kept from the base scenario.
 */
import type { Calibration, SegmentFit, SegmentRule, TeamSources } from '@sweetspot/calibration';
import type { Scenario, Segment } from '@sweetspot/scenario';
import { money, number, percent } from '../../format.ts';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { sentence, sourceText } from '../backtest-view.ts';
import { CycleChart, DealSizeChart } from '../charts.tsx';
import type { CalibrateOutcome } from '../types.ts';
import { SplitNotice } from './SplitNotice.tsx';

interface Props {
  state: { outcome?: CalibrateOutcome; error?: string } | undefined;
  blockers: readonly string[];
  base: { scenario: Scenario; fromEditor: boolean };
  currency: string;
  /** Puts a proposed sweet-spot split into the segments step. */
  onUseSplit(rules: SegmentRule[]): void;
}

export function FitsStep(props: Props) {
  return (
    <section className="crm-step-body" aria-labelledby="crm-fits-heading">
      <h3 id="crm-fits-heading" tabIndex={-1}>
        5. Fits
      </h3>
      <FitsBody {...props} />
    </section>
  );
}

function FitsBody({ state, blockers, base, currency, onUseSplit }: Props) {
  if (blockers.length > 0)
    return (
      <div className="crm-error" role="alert">
        <p>Fix these first (in the earlier steps):</p>
        <ul>
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      </div>
    );
  if (!state || (!state.outcome && !state.error))
    return (
      <p role="status" className="crm-busy">
        Fitting the segments and replaying your history (a few seconds)…
      </p>
    );
  if (state.error)
    return (
      <p className="crm-error" role="alert">
        The fits could not be computed: {state.error}
      </p>
    );
  const outcome = state.outcome as CalibrateOutcome;
  if (!outcome.ok)
    return (
      <div className="crm-error" role="alert" data-testid="crm-fit-problems">
        <p>The segments could not be fitted:</p>
        <ul>
          {outcome.problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
        {outcome.report ? <p>The row report (next step) shows which rows were left out.</p> : null}
      </div>
    );
  const cal = outcome.calibration;
  // The scenario as it will be opened: effort per deal solved by the replay.
  const built =
    outcome.replay?.ok === true
      ? outcome.replay.scenario
      : outcome.build.ok
        ? outcome.build.scenario
        : undefined;
  const team = outcome.replay?.ok === true ? outcome.replay.team : undefined;
  return (
    <>
      <Summary cal={cal} reps={built?.team.reps} />
      {cal.split ? (
        <SplitNotice proposal={cal.split} currency={currency} onUse={onUseSplit} />
      ) : null}
      {outcome.build.ok ? null : (
        <div className="crm-error" role="alert">
          <p>The scenario could not be built:</p>
          <ul>
            {outcome.build.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="crm-fit-layout">
        <FitTable fits={cal.fits} segments={built?.segments} currency={currency} />
        <div className="crm-fit-aside">
          <KeptNote base={base} />
          {built ? <TeamNote scenario={built} team={team} currency={currency} /> : null}
          {cal.warnings.length > 0 || (outcome.build.ok && outcome.build.notes.length > 0) ? (
            <section className="crm-subsection" aria-labelledby="crm-notes-heading">
              <h4 id="crm-notes-heading">Notes</h4>
              <ul className="crm-warnings">
                {cal.warnings.map((w) => (
                  <li key={w} className="crm-warning">
                    {sentence(w)}
                  </li>
                ))}
                {outcome.build.ok
                  ? outcome.build.notes.map((n) => (
                      <li key={n} className="crm-warning">
                        {n}
                      </li>
                    ))
                  : null}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
      {cal.fits.map((f) => (
        <section
          key={f.id}
          className="crm-segment-fit"
          aria-labelledby={`crm-fit-${f.id}-heading`}
          data-testid={`crm-fit-${f.id}`}
        >
          <h4 id={`crm-fit-${f.id}-heading`}>
            {f.name}
            {f.sweetSpot ? <span className="tag">sweet spot</span> : null}
          </h4>
          {f.warnings.length > 0 ? (
            <ul className="crm-warnings" aria-label={`Warnings for ${f.name}`}>
              {f.warnings.map((w) => (
                <li
                  key={w}
                  className={w.startsWith('only ') ? 'crm-warning strong' : 'crm-warning'}
                >
                  {w.startsWith('only ') ? <strong>Too few closed deals: </strong> : null}
                  {sentence(w)}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="crm-charts">
            <DealSizeChart fit={f} />
            <CycleChart fit={f} />
          </div>
        </section>
      ))}
    </>
  );
}

function Summary({ cal, reps }: { cal: Calibration; reps: number | undefined }) {
  const r = cal.report;
  return (
    <p className="crm-summary" data-testid="crm-fit-summary">
      <strong>{number(r.rowsUsed)}</strong> of {number(r.rowsRead)} rows used
      {r.rowsRejected > 0 ? ` (${number(r.rowsRejected)} left out: see the row report)` : ''}
      {'; '}created {cal.createdRange.from} to {cal.createdRange.to} ({number(cal.weeksSpanned, 1)}{' '}
      weeks)
      {cal.closedRange ? `, closed ${cal.closedRange.from} to ${cal.closedRange.to}` : ''}
      {'; '}as of {cal.asOf.date} (
      {cal.asOf.source === 'data' ? 'the latest date in the file' : 'given'}).{' '}
      {cal.owners > 0
        ? `${number(cal.owners)} distinct owners: the team has ${number(reps ?? cal.owners)} reps.`
        : 'No owner column: the team size and per-rep arrivals come from the base scenario.'}
      {cal.stale && cal.stale.count > 0
        ? ` ${number(cal.stale.count)} open deal${cal.stale.count === 1 ? ' is' : 's are'} stale (open over ${number(cal.stale.ageDays)} days): ${STALE_TEXT[cal.stale.policy]}.`
        : ''}
    </p>
  );
}

const STALE_TEXT: Record<NonNullable<Calibration['stale']>['policy'], string> = {
  open: 'kept as open deals',
  lost: 'counted as lost',
  exclude: 'left out of the sales cycle',
};

function KeptNote({ base }: { base: { scenario: Scenario; fromEditor: boolean } }) {
  return (
    <div className="crm-kept" data-testid="crm-kept-note">
      <p>
        <strong>Fitted from the file</strong>: win rate, deal size, sales cycle, discount and
        opportunities per rep-week, per segment; the number of reps.
      </p>
      <p>
        <strong>Solved by replaying your history</strong>: effort hours per deal — the most work per
        deal the selling hours allow while deals still close at their observed pace (see the
        Backtest step).
      </p>
      <p>
        <strong>Kept from the base scenario</strong> “{base.scenario.name}”
        {base.fromEditor
          ? ' (the one in the editor)'
          : ' (the built-in default: the one in the editor has errors)'}
        : <strong>cost to serve, annual churn and qualification hours</strong>, because a CRM export
        does not record them — check them in the editor. Each segment takes them from the
        base&rsquo;s sweet-spot or other segment. Horizon and dynamics are kept too; the strategies
        are <strong>as-is</strong> (what the team did) and <strong>focus</strong> (the sweet spot
        only), compared focus vs as-is.
      </p>
    </div>
  );
}

function TeamNote({
  scenario,
  team,
  currency,
}: {
  scenario: Scenario;
  team: TeamSources | undefined;
  currency: string;
}) {
  const t = scenario.team;
  return (
    <p className="crm-note" data-testid="crm-team-note">
      <strong>Team</strong>: {number(t.reps)} reps; quota{' '}
      {money(t.quotaPerRepPerQuarter, currency, { compact: false })} per rep a quarter
      {team ? ` (${sourceText(team.quota.source)})` : ''};{' '}
      {number(t.sellingHoursPerWeek, Number.isInteger(t.sellingHoursPerWeek) ? 0 : 1)} selling hours
      a week{team ? ` (${sourceText(team.sellingHours.source)})` : ''}. Change them on the Backtest
      step.
    </p>
  );
}

function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? percent(x, digits) : '—';
}

function num(x: number | undefined, digits = 0): string {
  return x === undefined || !Number.isFinite(x) ? '—' : number(x, digits);
}

type Row =
  | { group: string }
  | {
      label: string;
      unit?: string;
      cell(f: SegmentFit, s: Segment | undefined): string;
      testid?: string;
    };

function FitTable({
  fits,
  segments,
  currency,
}: {
  fits: readonly SegmentFit[];
  segments: readonly Segment[] | undefined;
  currency: string;
}) {
  const rows: Row[] = [
    { group: 'Sample' },
    {
      label: 'Rows: won / lost / open',
      cell: (f) =>
        `${num(f.won)} / ${num(f.lost)} / ${num(f.open)}${f.noDecision > 0 ? ` · ${num(f.noDecision)} no decision, left out` : ''}`,
      testid: 'rows',
    },
    { group: 'Win rate (closed deals)' },
    {
      label: 'Win rate',
      unit: 'posterior mean',
      cell: (f) => pct(f.winRate.mean),
      testid: 'winrate',
    },
    {
      label: `${Math.round((fits[0]?.winRate.level ?? 0.9) * 100)}% interval`,
      cell: (f) => `${pct(f.winRate.lower)} – ${pct(f.winRate.upper)}`,
      testid: 'interval',
    },
    { label: 'Closed deals', unit: 'evidence', cell: (f) => num(f.winRate.evidence) },
    { group: 'Deal size (won amounts)' },
    {
      label: 'Median',
      unit: 'fitted / observed',
      cell: (f) => `${num(f.dealSize.median)} / ${num(f.dealSize.empiricalMedian)}`,
      testid: 'size-median',
    },
    {
      label: 'P90',
      unit: 'fitted / observed',
      cell: (f) => `${num(f.dealSize.p90)} / ${num(f.dealSize.empiricalP90)}`,
      testid: 'size-p90',
    },
    {
      label: 'Won amounts; KS distance',
      unit: 'n; D (5% critical)',
      cell: (f) =>
        `${num(f.dealSize.n)}; ${num(f.dealSize.ks, 3)} (${num(f.dealSize.ksCritical05, 3)})`,
    },
    { group: 'Sales cycle (weeks)' },
    {
      label: 'Median',
      unit: 'Kaplan–Meier / closed only',
      cell: (f) =>
        `${f.cycle.km.median === undefined ? 'not reached' : num(f.cycle.km.median, 1)} / ${num(f.cycle.naive.median, 1)}`,
      testid: 'cycle-median',
    },
    {
      label: 'P90',
      unit: 'Kaplan–Meier / closed only',
      cell: (f) =>
        `${f.cycle.km.p90 === undefined ? 'not reached' : num(f.cycle.km.p90, 1)} / ${num(f.cycle.naive.p90, 1)}`,
    },
    {
      label: 'Closed / still open',
      unit: 'open = censored',
      cell: (f) => `${num(f.cycle.events)} / ${num(f.cycle.censored)}`,
    },
    { group: 'Discount and arrivals' },
    {
      label: 'Discount',
      unit: 'median, won deals (n)',
      cell: (f) =>
        f.discount.source === 'none'
          ? '0 (no list price)'
          : `${pct(f.discount.value)} (${num(f.discount.n)})`,
    },
    {
      label: 'Opportunities',
      unit: 'per rep-week',
      cell: (f) => num(f.arrivals.perRepPerWeek ?? f.arrivals.perWeek, 3),
      testid: 'arrivals',
    },
    { group: 'Into the scenario' },
    {
      label: 'Deal size (list value)',
      unit: `median / P90, ${currency}`,
      cell: (_, s) =>
        s ? `${money(s.dealSize.median, currency)} / ${money(s.dealSize.p90, currency)}` : '—',
    },
    {
      label: 'Sales cycle',
      unit: 'median / P90, weeks',
      cell: (_, s) =>
        s ? `${num(s.salesCycleWeeks.median, 1)} / ${num(s.salesCycleWeeks.p90, 1)}` : '—',
    },
    {
      label: 'Size and cycle',
      unit: 'correlation (90% interval)',
      cell: (f, s) =>
        Number.isFinite(f.sizeCycle.r)
          ? `${num(s?.sizeCycleCorrelation ?? 0, 2)} (${num(f.sizeCycle.low, 2)} to ${num(f.sizeCycle.high, 2)})`
          : '0 (too few won deals)',
      testid: 'size-cycle',
    },
    { group: 'Solved by replaying your history' },
    {
      label: 'Effort hours',
      unit: 'median / P90',
      cell: (_, s) => (s ? `${num(s.effortHours.median, 1)} / ${num(s.effortHours.p90, 1)}` : '—'),
      testid: 'effort',
    },
    { group: 'Kept from the base scenario (not in a CRM export)' },
    {
      label: 'Cost to serve · churn',
      unit: 'of bookings · a year',
      cell: (_, s) => (s ? `${pct(s.costToServe, 0)} · ${pct(s.annualChurn, 0)}` : '—'),
    },
    {
      label: 'Qualification',
      unit: 'hours',
      cell: (_, s) => (s ? num(s.qualificationHours, 1) : '—'),
    },
  ];
  return (
    <ScrollRegion className="crm-table-scroll" label="Fits per segment">
      <table className="crm-table crm-fit-table" data-testid="crm-fit-table">
        <caption className="visually-hidden">Fitted numbers per segment</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            {fits.map((f) => (
              <th key={f.id} scope="col">
                {f.name}
                {f.sweetSpot ? <span className="tag">sweet spot</span> : null}
                <span className="unit mono">{f.id}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) =>
            'group' in r ? (
              <tr key={r.group} className="crm-group">
                <th scope="colgroup" colSpan={fits.length + 1}>
                  {r.group}
                </th>
              </tr>
            ) : (
              <tr key={r.label}>
                <th scope="row">
                  {r.label}
                  {r.unit ? <span className="unit">{r.unit}</span> : null}
                </th>
                {fits.map((f, k) => (
                  <td key={f.id} data-testid={r.testid ? `fit-${r.testid}-${f.id}` : undefined}>
                    {r.cell(f, segments?.[k])}
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
