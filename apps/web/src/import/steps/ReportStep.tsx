/**
 * Step 6: the row report — counts per reason and the first rows left out (or used in part), with
 * their line numbers — downloadable as CSV (formula-safe, see report-csv.ts).
 */
import type { RowReport } from '@sweetspot/calibration';
import { number } from '../../format.ts';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import type { CalibrateOutcome } from '../types.ts';

/** Rows listed on the page (the CSV has them all). */
const LISTED = 100;

interface Props {
  state: { outcome?: CalibrateOutcome; error?: string } | undefined;
  fileName: string;
}

function download(text: string, name: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function reportFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'export';
  return `${stem}-row-report.csv`;
}

export function ReportStep({ state, fileName }: Props) {
  const outcome = state?.outcome;
  const report: RowReport | undefined = outcome?.ok ? outcome.calibration.report : outcome?.report;
  const csv = outcome?.reportCsv;
  const total = outcome?.issuesTotal ?? 0;
  return (
    <section className="crm-step-body" aria-labelledby="crm-report-heading">
      <h3 id="crm-report-heading" tabIndex={-1}>
        6. Row report
      </h3>
      {!outcome ? (
        <p role="status" className="crm-busy">
          {state?.error ?? 'Fitting the segments…'}
        </p>
      ) : !report ? (
        <p className="crm-error" role="alert">
          There is no row report: the calibration stopped before reading the rows (see the Fits
          step).
        </p>
      ) : (
        <>
          <p className="crm-summary" data-testid="crm-report-summary">
            {number(report.rowsRead)} rows read: <strong>{number(report.rowsUsed)} used</strong>
            {report.rowsPartial > 0 ? ` (${number(report.rowsPartial)} of them only in part)` : ''},{' '}
            <strong>{number(report.rowsRejected)} left out</strong>
            {report.blankLines > 0 ? `; ${number(report.blankLines)} blank lines skipped` : ''}
            {report.preambleLines > 0
              ? `; ${number(report.preambleLines)} lines above the header skipped`
              : ''}
            .
          </p>
          {report.counts.length === 0 ? (
            <p>Every row was used in full.</p>
          ) : (
            <>
              <table className="crm-table crm-counts" data-testid="crm-report-counts">
                <caption>Rows per reason</caption>
                <TableHead columns={['Rows', 'Kind', 'Reason']} />
                <tbody>
                  {report.counts.map((c) => (
                    <tr key={`${c.severity}:${c.reason}`}>
                      <td>{number(c.count)}</td>
                      <td>{c.severity === 'rejected' ? 'left out' : 'used in part'}</td>
                      <td>{c.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="crm-report-actions">
                <button
                  type="button"
                  disabled={!csv}
                  onClick={() => csv && download(csv, reportFileName(fileName))}
                >
                  Download the row report (CSV, {number(total)} rows)
                </button>
              </div>
              <ScrollRegion
                className="crm-table-scroll crm-report-scroll"
                label="Rows left out or used in part"
              >
                <table className="crm-table crm-issues" data-testid="crm-report-rows">
                  <caption>
                    {total > LISTED
                      ? `The first ${LISTED} of ${number(total)} rows (the CSV has them all)`
                      : `All ${number(total)} rows`}
                  </caption>
                  <TableHead columns={['Line', 'Kind', 'Reason', 'Detail']} />
                  <tbody>
                    {report.issues.slice(0, LISTED).map((i) => (
                      <tr key={`${i.line}:${i.reason}`}>
                        <td>{i.line}</td>
                        <td>{i.severity === 'rejected' ? 'left out' : 'in part'}</td>
                        <td>{i.reason}</td>
                        <td className="crm-detail">{i.detail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
          {outcome.ok && outcome.build.ok ? (
            <p className="crm-note">
              Next, the <strong>backtest</strong> replays what your team did with the calibrated
              scenario and compares it with your history; then <strong>Open as scenario</strong>{' '}
              loads it into the editor. Its provenance (file, rows used, dates, backtest) stays with
              it.
            </p>
          ) : (
            <p className="crm-error">
              The scenario cannot be opened: fix the problems shown on the Fits step.
            </p>
          )}
        </>
      )}
    </section>
  );
}
