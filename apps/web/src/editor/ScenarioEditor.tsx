/** The scenario editor: every field of the scenario, with validation messages beside them. */
import type { Scenario, ValidationError } from '@sweetspot/scenario';
import { useMemo } from 'react';
import { currencySymbol, safeCurrency } from '../format.ts';
import { CompareSection } from './CompareSection.tsx';
import { DownloadJson } from './DownloadJson.tsx';
import { type EditorApi, EditorContext } from './EditorContext.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { PresetPicker } from './PresetPicker.tsx';
import { type PathKey, parentPath } from './paths.ts';
import { SegmentsTable } from './SegmentsTable.tsx';
import { StrategiesSection } from './StrategiesSection.tsx';
import {
  DynamicsSection,
  RunSettingsSection,
  ScenarioBasics,
  TeamSection,
} from './TeamSection.tsx';

interface Props {
  draft: Scenario;
  errors: readonly ValidationError[];
  byField: ReadonlyMap<string, string[]>;
  fields: ReadonlySet<string>;
  set(path: readonly PathKey[], value: unknown): void;
  apply(edit: (draft: Scenario) => Scenario): void;
  load(scenario: Scenario): void;
}

export function ScenarioEditor({ draft, errors, byField, fields, set, apply, load }: Props) {
  const currency = safeCurrency(draft.currency);
  const api = useMemo<EditorApi>(
    () => ({ draft, set, apply, errors: byField, currency }),
    [draft, set, apply, byField, currency],
  );
  const fieldOf = (path: string) => {
    let p = path;
    while (p !== '' && !fields.has(p)) p = parentPath(p);
    return p === '' ? undefined : p;
  };
  const symbol = currencySymbol(currency);
  return (
    <EditorContext.Provider value={api}>
      <form className="editor" aria-label="Scenario editor" onSubmit={(e) => e.preventDefault()}>
        <ErrorSummary errors={errors} draft={draft} fieldOf={fieldOf} />
        <PresetPicker current={draft} onLoad={load} />
        <ScenarioBasics />
        <TeamSection currencySymbol={symbol} />
        <SegmentsTable currencySymbol={symbol} />
        <StrategiesSection />
        <CompareSection />
        <DynamicsSection />
        <RunSettingsSection />
        <div className="editor-actions">
          <DownloadJson draft={draft} />
        </div>
      </form>
    </EditorContext.Provider>
  );
}
