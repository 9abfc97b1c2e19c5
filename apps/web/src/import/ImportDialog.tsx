/**
 * "Import from CRM": a modal dialog that turns a CRM export into a calibrated scenario, step by
 * step — file, columns (mapping, stage values, date formats, no-decision and stale deals), lookup
 * tables, segments, fits, row report, backtest (history vs replay, team numbers) — and opens it
 * in the editor. Parsing and fitting run in a worker
 * (calibration.worker.ts); the file never leaves the browser.
 *
 * This is the shell: the state and its transitions are in dialog-state.ts, what is derived from
 * them in dialog-config.ts and dialog-checks.ts, the worker's wiring in use-import-dialog.ts and
 * each step in steps/*.tsx.
 */
import type { Scenario } from '@sweetspot/scenario';
import { useEffect, useRef } from 'react';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { CurrentStep } from './CurrentStep.tsx';
import { DialogFoot } from './DialogFoot.tsx';
import { StepList } from './StepList.tsx';
import { useImportDialog } from './use-import-dialog.ts';
import './import.css';

interface Props {
  open: boolean;
  /** The scenario in the editor: its non-CRM numbers are kept. */
  base: Scenario;
  onClose(): void;
  onOpenScenario(scenario: Scenario): void;
}

export function ImportDialog({ open, base, onClose, onOpenScenario }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const model = useImportDialog(open, base);
  const { state, act, openable } = model;
  const { step, parsing } = state;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  // A new step starts at its top, with its heading focused (except the first step's).
  useEffect(() => {
    bodyRef.current?.scrollTo?.({ top: 0 });
    // On phones the steps are one scrollable row: keep the current one in view.
    const current = dialogRef.current?.querySelector<HTMLElement>('.crm-step[aria-current="step"]');
    current?.parentElement?.parentElement?.scrollTo?.({
      left: Math.max(0, (current.parentElement?.offsetLeft ?? 0) - 16),
    });
    const heading = bodyRef.current?.querySelector<HTMLElement>('h3');
    if (step !== 'file' && heading) heading.focus();
  }, [step]);

  return (
    <dialog
      ref={dialogRef}
      className="crm-dialog"
      aria-labelledby="crm-title"
      onClose={() => {
        parsing?.cancel();
        onClose();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => event.preventDefault()}
    >
      <div className="crm-head">
        <h2 id="crm-title">Import from CRM</h2>
        <p className="crm-privacy">
          Your file is read in this browser tab: nothing is uploaded or sent anywhere.
        </p>
        <button
          type="button"
          className="crm-close"
          onClick={() => dialogRef.current?.close()}
          aria-label="Close the import"
        >
          ×
        </button>
      </div>
      <StepList
        step={step}
        reached={state.reached}
        onGoTo={(target) => act({ type: 'go-to', target })}
      />
      <div className="crm-body" ref={bodyRef} data-scroll-root>
        <ErrorBoundary area="this step of the import">
          <CurrentStep model={model} onOpenScenario={onOpenScenario} />
        </ErrorBoundary>
      </div>
      <DialogFoot
        step={step}
        problems={model.shownProblems}
        columnIssues={model.columnIssues}
        canStartOver={state.main !== undefined || parsing !== undefined}
        canOpen={openable !== undefined}
        onStartOver={model.startOver}
        onBack={() => act({ type: 'back' })}
        onNext={model.next}
        onOpen={() => {
          if (openable) onOpenScenario(openable);
        }}
      />
    </dialog>
  );
}
