/** CSV downloads of the displayed results: every trial, and the summary. */
import { number } from '../format.ts';
import type { RunController, RunState } from '../run/controller.ts';
import { useRunState } from '../run/useRunState.ts';
import { downloadBlob, slug } from '../ui/download.ts';
import { perTrialCsvParts, summaryCsv } from './csv.ts';

const selectResult = (s: RunState) => s.result;
const selectLatestKey = (s: RunState) => s.latestKey;

const CSV_TYPE = 'text/csv;charset=utf-8';

export function ResultsDownloads({ controller }: { controller: RunController }) {
  const result = useRunState(controller, selectResult);
  const latestKey = useRunState(controller, selectLatestKey);
  if (!result) return <p className="hint">No results yet.</p>;
  const { scenario, summary, chunk } = result;
  const base = slug(scenario.name);
  const stale = result.key !== latestKey;
  const perTrial = () => {
    if (!chunk) return;
    downloadBlob(
      new Blob(perTrialCsvParts(scenario, chunk), { type: CSV_TYPE }),
      `${base}-trials.csv`,
    );
  };
  const summaryFile = () =>
    downloadBlob(
      new Blob([summaryCsv(scenario, summary)], { type: CSV_TYPE }),
      `${base}-summary.csv`,
    );
  return (
    <div className="results-downloads">
      <p className="hint">
        For the results on screen: “{scenario.name}”, {number(result.done)}
        {result.final ? '' : ` of ${number(result.total)}`} trials, seed {scenario.seed}
        {stale ? ' — stale: the scenario has changed since' : ''}. UTF-8 with BOM, CRLF: opens in
        Excel and Google Sheets.
      </p>
      <div className="button-row">
        <button type="button" onClick={perTrial} disabled={!chunk} data-testid="csv-trials">
          Per-trial results (CSV)
        </button>
        <button type="button" onClick={summaryFile} data-testid="csv-summary">
          Summary (CSV)
        </button>
      </div>
      {chunk ? null : (
        <p className="hint">Per-trial results are not available for these results.</p>
      )}
    </div>
  );
}
