/**
 * The app shell's entry to the CRM import: an "Import from CRM" button that opens the import
 * dialog (loaded on first use), and the provenance of a calibrated scenario in the editor.
 */
import type { Scenario } from '@sweetspot/scenario';
import { lazy, Suspense, useState } from 'react';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { number } from '../format.ts';
import './entry.css';

const ImportDialog = lazy(() =>
  import('./ImportDialog.tsx').then((m) => ({ default: m.ImportDialog })),
);

interface Props {
  /** The scenario in the editor: the base of a calibration, and whose provenance is shown. */
  current: Scenario;
  /** Loads a calibrated scenario into the editor. */
  onOpen(scenario: Scenario): void;
}

export function ImportFromCrm({ current, onOpen }: Props) {
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  /** The editor's scenario when the dialog was opened: the base of the calibration. */
  const [base, setBase] = useState<Scenario>(current);
  return (
    <div className="crm-entry">
      <CalibrationProvenance scenario={current} />
      <button
        type="button"
        className="crm-entry-button"
        aria-haspopup="dialog"
        onClick={() => {
          setBase(current);
          setMounted(true);
          setOpen(true);
        }}
      >
        Import from CRM
      </button>
      {mounted ? (
        <ErrorBoundary area="the CRM import">
          <Suspense
            fallback={
              <span className="crm-loading" role="status">
                Loading the import…
              </span>
            }
          >
            <ImportDialog
              open={open}
              base={base}
              onClose={() => setOpen(false)}
              onOpenScenario={(scenario) => {
                onOpen(scenario);
                setOpen(false);
              }}
            />
          </Suspense>
        </ErrorBoundary>
      ) : null}
    </div>
  );
}

interface CalibrationRecord {
  file: string;
  rowsUsed: number;
  rowsRead: number;
  from?: string;
  to?: string;
  asOf?: string;
}

/** Reads the calibration record of a scenario's provenance, defensively (it is free-form JSON). */
export function calibrationRecord(scenario: Scenario): CalibrationRecord | undefined {
  const c = scenario.provenance?.calibration as { [key: string]: unknown } | undefined;
  if (!c || typeof c.file !== 'string') return undefined;
  const rowsUsed = typeof c.rowsUsed === 'number' ? c.rowsUsed : Number.NaN;
  const rowsRead = typeof c.rowsRead === 'number' ? c.rowsRead : Number.NaN;
  const range = (c.dateRange as { created?: { from?: unknown; to?: unknown } } | undefined)
    ?.created;
  const out: CalibrationRecord = { file: c.file, rowsUsed, rowsRead };
  if (typeof range?.from === 'string') out.from = range.from;
  if (typeof range?.to === 'string') out.to = range.to;
  if (typeof c.asOf === 'string') out.asOf = c.asOf;
  return out;
}

export function CalibrationProvenance({ scenario }: { scenario: Scenario }) {
  const record = calibrationRecord(scenario);
  if (!record) return null;
  return (
    <details className="crm-provenance" data-testid="calibration-provenance">
      <summary>
        <span className="crm-provenance-line">
          Calibrated from <strong>{record.file}</strong>
        </span>{' '}
        <span className="crm-provenance-line">
          {number(record.rowsUsed)} of {number(record.rowsRead)} rows
          {record.from && record.to ? ` · ${record.from} – ${record.to}` : ''}
        </span>
      </summary>
      <div className="crm-provenance-body">
        <p>{scenario.provenance?.description}</p>
        {record.asOf ? <p>Open deals were counted as of {record.asOf}.</p> : null}
      </div>
    </details>
  );
}
