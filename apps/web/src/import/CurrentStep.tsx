/**
 * The import dialog's body: the file being read, notices and analysis errors, then the current
 * step's own component (steps/*.tsx) wired to the dialog's state and actions.
 */
import type { SegmentRule } from '@sweetspot/calibration';
import type { Scenario } from '@sweetspot/scenario';
import { ParseProgressView } from './DropZone.tsx';
import { draftsOfRules } from './segments-draft.ts';
import { BacktestStep } from './steps/BacktestStep.tsx';
import { ColumnsStep } from './steps/ColumnsStep.tsx';
import { FileStep } from './steps/FileStep.tsx';
import { FitsStep } from './steps/FitsStep.tsx';
import { ForecastStep } from './steps/ForecastStep.tsx';
import { JoinsStep } from './steps/JoinsStep.tsx';
import { ReportStep } from './steps/ReportStep.tsx';
import { SegmentsStep } from './steps/SegmentsStep.tsx';
import type { ImportDialogModel } from './use-import-dialog.ts';

interface Props {
  model: ImportDialogModel;
  onOpenScenario(scenario: Scenario): void;
}

export function CurrentStep({ model, onOpenScenario }: Props) {
  const { state, act, analysis, fit, baseScenario } = model;
  const { main, parsing } = state;
  const currency = baseScenario.scenario.currency;
  const busy = parsing !== undefined;
  const applySplit = (rules: SegmentRule[]) =>
    act({ type: 'use-split', segments: draftsOfRules(rules) });
  return (
    <>
      {parsing ? (
        <ParseProgressView
          fileName={parsing.fileName}
          progress={parsing.progress}
          onCancel={parsing.cancel}
        />
      ) : null}
      {state.notice ? (
        <p className="crm-notice" role="status">
          {state.notice}
        </p>
      ) : null}
      {state.analysisError ? (
        <p className="crm-error" role="alert">
          {state.analysisError}
        </p>
      ) : null}
      {state.step === 'file' ? (
        <FileStep
          main={main}
          busy={busy}
          error={state.fileError}
          onFile={(file) => model.startParse(file, 'main')}
          onProblem={(message) => act({ type: 'file-problem', role: 'main', message })}
        />
      ) : null}
      {state.step === 'columns' && main ? (
        <ColumnsStep
          main={main}
          analysis={analysis}
          mapping={state.mapping}
          touched={state.touched}
          outcomeChoice={state.outcomeChoice}
          dateChoice={state.dateChoice}
          onMap={(field, column) => act({ type: 'map', field, column })}
          onOutcome={(value, outcome) => act({ type: 'outcome', value, outcome })}
          onDateOrder={(column, order) => act({ type: 'date-order', column, order })}
          noDecision={state.noDecision}
          stale={state.stale}
          onNoDecision={(policy) => act({ type: 'choose', choice: { noDecision: policy } })}
          onStale={(policy) => act({ type: 'choose', choice: { stale: policy } })}
        />
      ) : null}
      {state.step === 'joins' && main ? (
        <JoinsStep
          main={main}
          lookups={state.lookups}
          joins={state.joins}
          analysis={analysis}
          mapping={state.mapping}
          busy={busy}
          error={state.lookupError}
          onFile={(file) => model.startParse(file, 'lookup')}
          onProblem={(message) => act({ type: 'file-problem', role: 'lookup', message })}
          onChange={(uid, change) => act({ type: 'join-changed', uid, change })}
          onRemove={(uid) => act({ type: 'join-removed', uid })}
        />
      ) : null}
      {state.step === 'segments' && main ? (
        <SegmentsStep
          segments={state.segments}
          setSegments={(update) => act({ type: 'segments', update })}
          analysis={analysis}
          countable={model.countable}
          problems={model.converted.problems}
        />
      ) : null}
      {state.step === 'fits' && main ? (
        <FitsStep
          state={fit}
          blockers={model.blockers}
          base={baseScenario}
          currency={currency}
          onUseSplit={applySplit}
        />
      ) : null}
      {state.step === 'report' && main ? <ReportStep state={fit} fileName={main.name} /> : null}
      {state.step === 'backtest' && main ? (
        <BacktestStep
          state={fit}
          previous={state.lastOutcome}
          team={state.team}
          onTeam={(team) => act({ type: 'choose', choice: { team } })}
          accepted={model.accepted}
          onAccept={(yes) =>
            act({ type: 'choose', choice: { acceptedKey: yes ? model.calibrationKey : undefined } })
          }
          currency={currency}
          onUseSplit={applySplit}
        />
      ) : null}
      {state.step === 'forecast' && main ? (
        <ForecastStep
          client={model.client}
          config={model.calibrateConfig}
          base={baseScenario.scenario}
          currency={currency}
          onOpenScenario={onOpenScenario}
        />
      ) : null}
    </>
  );
}
