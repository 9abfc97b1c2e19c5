import { money } from '../format.ts';
import { useEditor } from './EditorContext.tsx';
import { NumberField, TextField } from './fields.tsx';

export function ScenarioBasics() {
  return (
    <section className="editor-section" aria-labelledby="scenario-heading">
      <h2 id="scenario-heading">Scenario</h2>
      <div className="field-row">
        <TextField path={['name']} label="Name" />
        <TextField
          path={['currency']}
          label="Currency"
          hint="ISO code, e.g. USD, EUR"
          maxLength={3}
          transform={(t) => t.toUpperCase()}
        />
      </div>
    </section>
  );
}

export function TeamSection({ currencySymbol }: { currencySymbol: string }) {
  const { draft, currency } = useEditor();
  const { reps, quotaPerRepPerQuarter } = draft.team;
  const teamQuota = reps * quotaPerRepPerQuarter;
  return (
    <section className="editor-section" aria-labelledby="team-heading">
      <h2 id="team-heading">Team</h2>
      <div className="field-grid">
        <NumberField path={['team', 'reps']} label="Reps" unit="reps" />
        <NumberField path={['team', 'sellingHoursPerWeek']} label="Selling hours" unit="h / week" />
        <NumberField
          path={['team', 'quotaPerRepPerQuarter']}
          label="Quota per rep"
          prefix={currencySymbol}
          unit="/ quarter"
          hint={
            Number.isFinite(teamQuota) && teamQuota > 0
              ? `Team: ${money(teamQuota, currency, { compact: false })} a quarter`
              : undefined
          }
        />
        <NumberField
          path={['team', 'overheadHoursPerActiveDeal']}
          label="Overhead per open deal"
          unit="h / week"
        />
      </div>
    </section>
  );
}

export function DynamicsSection() {
  return (
    <section className="editor-section" aria-labelledby="dynamics-heading">
      <h2 id="dynamics-heading">Dynamics and horizon</h2>
      <div className="field-grid">
        <NumberField
          path={['dynamics', 'delayPenaltyPerWeek']}
          label="Win odds lost per late week"
          unit="%"
          scale={100}
        />
        <NumberField
          path={['dynamics', 'stallWeeks']}
          label="Deal goes dark after"
          unit="starved weeks"
        />
        <NumberField path={['horizon', 'quarters']} label="Quarters reported" unit="1–8" />
        <NumberField path={['horizon', 'weeksPerQuarter']} label="Weeks per quarter" unit="weeks" />
        <NumberField
          path={['horizon', 'warmupWeeks']}
          label="Warm-up"
          unit="weeks"
          hint="Simulated before Q1 so it starts with a pipeline"
        />
      </div>
    </section>
  );
}

export function RunSettingsSection() {
  return (
    <section className="editor-section" aria-labelledby="run-heading">
      <h2 id="run-heading">Run</h2>
      <div className="field-grid">
        <NumberField
          path={['trials']}
          label="Trials"
          hint="Simulated histories of the whole horizon"
        />
        <NumberField path={['seed']} label="Seed" hint="Same seed and inputs, same results" />
      </div>
    </section>
  );
}
