/**
 * Step 8: this quarter, from today's pipeline (docs/calibration.md, "Forecast"): where this quarter
 * and the next land as is, doubling down in the sweet spot and casting a wider net — commit (P10),
 * most likely (P50), best case (P90), the chance of quota — each strategy against as is, and each
 * rep's chance; the forecasts of the quarters already closed one click away. Computed in the
 * import's worker, as `sweetspot forecast` computes them.
 */
import type { ForecastBacktest, ForecastCheck } from '@sweetspot/calibration';
import type { Scenario } from '@sweetspot/scenario';
import { type FormEvent, Fragment, useCallback, useEffect, useId, useRef, useState } from 'react';
import { money, number, percent } from '../../format.ts';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { sentence } from '../backtest-view.ts';
import type { CalibrationClient } from '../client.ts';
import { type Column, TableRows } from '../TableRows.tsx';
import type { CalibrateConfig, ForecastOutcome } from '../types.ts';
import { WarningList } from '../WarningList.tsx';

interface Props {
  client: CalibrationClient | undefined;
  config: CalibrateConfig | undefined;
  base: Scenario;
  currency: string;
  onOpenScenario(scenario: Scenario): void;
}

/** Trials of the forecast in the browser: P10 and P90 within about 2% of the spread. */
const TRIALS = 1000;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

type Run<T> = { busy: true } | { busy: false; value?: T; error?: string };

export function ForecastStep({ client, config, base, currency, onOpenScenario }: Props) {
  const id = useId();
  const [asOf, setAsOf] = useState('');
  const [fiscal, setFiscal] = useState(1);
  const [forecast, setForecast] = useState<Run<ForecastOutcome>>({ busy: false });
  const [backtest, setBacktest] = useState<Run<ForecastBacktest>>({ busy: false });
  const latest = useRef(0);
  const fmt = (x: number) => money(x, currency, { compact: true });

  const run = useCallback(
    (asOfDate: string, fiscalYearStart: number) => {
      if (!client || !config) return;
      const ticket = ++latest.current;
      setForecast({ busy: true });
      client
        .forecast(
          {
            calibrate: config,
            ...(asOfDate !== '' ? { asOf: asOfDate } : {}),
            fiscalYearStart,
            trials: TRIALS,
          },
          base,
        )
        .then(
          (value) => {
            if (ticket !== latest.current) return;
            setForecast({ busy: false, value });
            if (value.ok && asOfDate === '') setAsOf(value.asOf);
          },
          (error: unknown) => {
            if (ticket !== latest.current) return;
            setForecast({
              busy: false,
              error: error instanceof Error ? error.message : String(error),
            });
          },
        );
    },
    [client, config, base],
  );

  // Forecast from the export's own date when the step opens (or the import changes).
  useEffect(() => {
    run('', 1);
  }, [run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBacktest({ busy: false });
    run(asOf, fiscal);
  };

  const checkClosed = () => {
    if (!client || !config) return;
    setBacktest({ busy: true });
    client.forecastBacktest({ calibrate: config, fiscalYearStart: fiscal, trials: 300 }, base).then(
      (value) =>
        setBacktest(
          value.ok ? { busy: false, value: value.backtest } : { busy: false, error: value.message },
        ),
      (error: unknown) =>
        setBacktest({ busy: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  const result = forecast.busy ? undefined : forecast.value;
  return (
    <section className="crm-step-body" aria-labelledby="crm-forecast-heading">
      <h3 id="crm-forecast-heading" tabIndex={-1}>
        8. This quarter: where it lands from today
      </h3>
      <p className="crm-lead">
        Starts from the deals open on the as-of date and what each rep has booked this quarter, and
        plays the rest of the quarter and the next as your team works now (<strong>as is</strong>),
        <strong> doubling down</strong> in the sweet spot (the deals outside it are dropped), or{' '}
        <strong>casting a wider net</strong> when behind (chasing everything and pulling deals in at
        a discount). Commit = P10, most likely = P50, best case = P90 of the team’s bookings.
      </p>
      <form className="crm-forecast-form" onSubmit={submit}>
        <label htmlFor={`${id}-asof`}>
          As of{' '}
          <input
            id={`${id}-asof`}
            type="date"
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
            data-testid="crm-forecast-asof"
          />
        </label>
        <label htmlFor={`${id}-fy`}>
          Fiscal year starts in{' '}
          <select
            id={`${id}-fy`}
            value={fiscal}
            onChange={(e) => setFiscal(Number(e.target.value))}
          >
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={forecast.busy}>
          Forecast
        </button>
      </form>
      {forecast.busy ? (
        <p role="status" className="crm-busy" data-testid="crm-forecast-busy">
          Calibrating as of that date, replaying the history and simulating {number(TRIALS)}{' '}
          quarters (a few seconds)…
        </p>
      ) : forecast.error ? (
        <p className="crm-error" role="alert">
          The forecast could not be computed: {forecast.error}
        </p>
      ) : result && !result.ok ? (
        <p className="crm-error" role="alert">
          The forecast could not start: {result.message}
        </p>
      ) : result?.ok ? (
        <div data-testid="crm-forecast">
          <p className="crm-summary">
            As of <strong>{result.asOf}</strong>: week {result.quarter.week} of the quarter{' '}
            {result.quarter.from} – {result.quarter.to} ({result.quarter.weeksLeft} weeks left).
            Booked so far {fmt(result.booked.total)}; {number(result.openTotal)} open deals (
            {result.openDeals.map((s) => `${s.segment} ${number(s.count)}`).join(', ')}); new deals
            keep arriving at your history’s rates.
          </p>
          {[0, 1].map((q) => (
            <Fragment key={q}>
              {/* The table's title sits above its scrolling region (not a caption, which is as
                  wide as the table): on a phone it wraps instead of being cut at the edge. */}
              <p className="crm-table-title" id={`${id}-q${q + 1}`}>
                {q === 0 ? `This quarter (to ${result.quarter.to})` : 'Next quarter'}: team bookings
              </p>
              <ScrollRegion
                className="crm-table-scroll"
                label={q === 0 ? 'This quarter' : 'Next quarter'}
              >
                <table
                  className="crm-table crm-forecast-table"
                  data-testid={`crm-forecast-q${q + 1}`}
                  aria-labelledby={`${id}-q${q + 1}`}
                >
                  <TableHead
                    columns={[
                      'Strategy',
                      'Commit (P10)',
                      'Most likely (P50)',
                      'Best case (P90)',
                      'Chance of team quota',
                      'Deals pulled in',
                      'Open at the end',
                    ]}
                  />
                  <tbody>
                    {result.strategies.map((s) => {
                      const x = s.quarters[q];
                      return x ? (
                        <tr key={s.id}>
                          <th scope="row">{s.name}</th>
                          <td>{fmt(x.commit)}</td>
                          <td>{fmt(x.mostLikely)}</td>
                          <td>{fmt(x.bestCase)}</td>
                          <td>{percent(x.pHitQuota)}</td>
                          <td>{number(x.pulledIn)}</td>
                          <td>{number(x.openDealsAtEnd)}</td>
                        </tr>
                      ) : null;
                    })}
                  </tbody>
                </table>
              </ScrollRegion>
            </Fragment>
          ))}
          <ul className="crm-forecast-versus" data-testid="crm-forecast-versus">
            {result.versus.map((v) => {
              const [q1, q2] = v.quarters;
              if (!q1 || !q2) return null;
              return (
                <li key={v.id}>
                  <strong>{v.name}</strong> against as is: this quarter{' '}
                  {money(q1.p50, currency, { compact: true, signed: true })} at the median (books
                  more in {percent(q1.pABeatsB)} of the simulated quarters); next quarter{' '}
                  {money(q2.p50, currency, { compact: true, signed: true })} ({percent(q2.pABeatsB)}
                  ).
                </li>
              );
            })}
          </ul>
          <p className="hint">{result.difference}</p>
          <details className="crm-forecast-reps">
            <summary>Each rep’s chance of reaching quota this quarter</summary>
            <ScrollRegion className="crm-table-scroll" label="Each rep’s chance of quota">
              <table className="crm-table" data-testid="crm-forecast-reps">
                <thead>
                  <tr>
                    <th scope="col">Rep</th>
                    {result.reps.map((r) => (
                      <th key={r.strategy} scope="col">
                        {result.strategies.find((s) => s.id === r.strategy)?.name ?? r.strategy}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.owners.map((owner, i) => (
                    <tr key={owner}>
                      <th scope="row">{owner}</th>
                      {result.reps.map((r) => (
                        <td key={r.strategy}>{percent(r.chance[0]?.[i] ?? Number.NaN)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
          {!result.backtestOk ? (
            <p className="crm-warning">
              As of this date, the calibration does not replay the history within 5% (the Backtest
              step explains each gap): read the forecast with that in mind.
            </p>
          ) : null}
          <WarningList items={result.warnings} show={(w) => `${sentence(w)}.`} />
          <div className="crm-split-actions">
            <button type="button" onClick={() => onOpenScenario(result.scenario)}>
              Open this forecast in the app
            </button>
            <button type="button" onClick={checkClosed} disabled={backtest.busy}>
              Check on the quarters already closed
            </button>
          </div>
        </div>
      ) : null}
      {backtest.busy ? (
        <p role="status" className="crm-busy" data-testid="crm-forecast-backtest-busy">
          Forecasting every closed quarter from its weeks 4, 8 and 11, with only what was known then
          (this takes a while)…
        </p>
      ) : backtest.error ? (
        <p className="crm-error" role="alert">
          The check could not be computed: {backtest.error}
        </p>
      ) : backtest.value ? (
        <BacktestTable backtest={backtest.value} fmt={fmt} />
      ) : null}
    </section>
  );
}

function BacktestTable({
  backtest,
  fmt,
}: {
  backtest: ForecastBacktest;
  fmt: (x: number) => string;
}) {
  const titleId = useId();
  const pct = (x: number) => (Number.isFinite(x) ? percent(x) : '—');
  const columns: readonly Column<ForecastCheck>[] = [
    [
      'Quarter',
      (c) => (
        <>
          {c.quarter.from} – {c.quarter.to}
        </>
      ),
    ],
    ['Commit (P10)', (c) => fmt(c.forecast.p10)],
    ['Most likely (P50)', (c) => fmt(c.forecast.p50)],
    ['Best case (P90)', (c) => fmt(c.forecast.p90)],
    ['Actual', (c) => fmt(c.actual)],
    ['Error', (c) => percent(c.error, 0, true)],
    ['Inside P10–P90?', (c) => (c.inside80 ? 'yes' : 'no')],
  ];
  return (
    <div data-testid="crm-forecast-backtest">
      <p className="crm-table-title" id={titleId}>
        Forecasts of the quarters already closed, as is
      </p>
      <ScrollRegion className="crm-table-scroll" label="Forecasts of closed quarters">
        <table className="crm-table" aria-labelledby={titleId}>
          <TableRows
            rowHeader={['As of', (c) => c.asOf]}
            columns={columns}
            rows={backtest.checks}
          />
        </table>
      </ScrollRegion>
      <p className="crm-summary">
        The most likely forecast was off by {pct(backtest.medianAbsError)} (median); the actual fell
        inside P10–P90 in {pct(backtest.coverage80)} of {number(backtest.checks.length)} forecasts
        (a well-calibrated forecast: about 80%).{' '}
        {backtest.coverage80 < 0.6
          ? 'The ranges are too narrow for this team: they hold the chance in which deals arrive, close and win at your history’s rates, not a change in those rates. Read the most likely figure and the comparison between strategies more than the range.'
          : ''}
      </p>
      <WarningList items={backtest.skipped.map((s) => `${s.asOf}: not forecast (${s.reason})`)} />
    </div>
  );
}
