/** Step 1: choose (or drop) the CRM export; what was read, with a preview of its first rows. */
import { number } from '../../format.ts';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { TableHead } from '../../ui/TableHead.tsx';
import { DropZone } from '../DropZone.tsx';
import type { ParsedFileInfo } from '../types.ts';

interface Props {
  main: ParsedFileInfo | undefined;
  busy: boolean;
  error: string | undefined;
  onFile(file: File): void;
  onProblem(message: string): void;
}

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma-separated',
  ';': 'semicolon-separated',
  '\t': 'tab-separated',
  '|': 'pipe-separated',
};

export function FileStep({ main, busy, error, onFile, onProblem }: Props) {
  return (
    <section className="crm-step-body" aria-labelledby="crm-file-heading">
      <h3 id="crm-file-heading" tabIndex={-1}>
        1. Choose the CRM export
      </h3>
      <p className="crm-lead">
        A CSV file with one row per opportunity, as Salesforce, HubSpot or any CRM exports it: a
        stage (won, lost or still open), an amount, a created date and a close date; an owner and an
        id help. The next steps map its columns, fit each segment&rsquo;s win rate, deal size, sales
        cycle, discount and arrivals, and open the result as a scenario.
      </p>
      <DropZone kind="main" busy={busy} error={error} onFile={onFile} onProblem={onProblem} />
      {main ? <FileSummary info={main} /> : null}
    </section>
  );
}

export function FileSummary({ info }: { info: ParsedFileInfo }) {
  return (
    <div className="crm-file-summary" data-testid="crm-file-summary">
      <p>
        <strong>{info.name}</strong>: {number(info.rows)} rows, {info.headers.length} columns,{' '}
        {DELIMITER_NAMES[info.delimiter] ?? `separated by "${info.delimiter}"`},{' '}
        {info.encoding.toUpperCase()}
        {info.issues > 0 ? `; ${number(info.issues)} unreadable rows (see the row report)` : ''}.
      </p>
      {info.notes.map((n) => (
        <p key={n} className="crm-warning">
          {n}
        </p>
      ))}
      <ScrollRegion className="crm-table-scroll" label="First rows">
        <table className="crm-table crm-preview">
          <caption className="visually-hidden">First rows of {info.name}</caption>
          <TableHead columns={info.headers} />
          <tbody>
            {info.sample.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed preview, never reordered
              <tr key={r}>
                {info.headers.map((h, c) => (
                  <td key={h}>{row[c]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
