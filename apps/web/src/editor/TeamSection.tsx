import { PARAMETERS } from '@sweetspot/scenario';
import { money } from '../format.ts';
import { addPool, removePool } from './draft.ts';
import { useEditor } from './EditorContext.tsx';
import { CheckboxField, FieldError, NumberField, TextField } from './fields.tsx';
import { LABELS } from './paths.ts';
import { SectionHead } from './SectionHead.tsx';

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
        <NumberField path={['team', 'reps']} />
        <NumberField path={['team', 'sellingHoursPerWeek']} />
        <NumberField
          path={['team', 'quotaPerRepPerQuarter']}
          hint={
            Number.isFinite(teamQuota) && teamQuota > 0
              ? `Team: ${money(teamQuota, currency, { compact: false })} a quarter`
              : undefined
          }
        />
        <NumberField path={['team', 'overheadHoursPerActiveDeal']} />
        <NumberField
          path={['team', 'costPerSellingHour']}
          label={`${LABELS.costPerSellingHour} (${currencySymbol}/h)`}
          placeholder="not priced"
          hint="Salary, benefits and tools; blank = hours are not priced"
        />
      </div>
      <SpecialistPools currencySymbol={currencySymbol} />
    </section>
  );
}

/** Team-wide pools of specialist hours (docs/model.md §12): add, rename, size, price, remove. */
function SpecialistPools({ currencySymbol }: { currencySymbol: string }) {
  const { draft, apply, errors } = useEditor();
  const pools = draft.team.specialists ?? [];
  return (
    <div className="pools" data-testid="specialist-pools">
      <SectionHead
        level="h3"
        id="pools-heading"
        title={LABELS.specialists}
        addLabel="Add pool"
        onAdd={() => apply(addPool)}
        full={pools.length >= 8}
      />
      <p className="section-note">
        {pools.length === 0
          ? 'Pre-sales engineers, solution architects, legal: hours the whole team shares. Add a pool, then say under Segments how many of its hours a deal needs.'
          : 'Each pool’s hours are shared by every rep’s deals; under Segments, say how many of its hours a deal needs per hour of its rep’s work.'}
      </p>
      <FieldError path="team.specialists" messages={errors.get('team.specialists')} />
      {pools.map((pool, i) => (
        <fieldset className="pool-card" key={pool.id} data-testid="pool-card">
          <legend className="visually-hidden">
            {LABELS.specialists}: {pool.name || `pool ${i + 1}`}
          </legend>
          <div className="pool-grid">
            <TextField path={['team', 'specialists', i, 'name']} label={LABELS.pool.name} />
            <NumberField path={['team', 'specialists', i, 'hoursPerWeek']} />
            <NumberField
              path={['team', 'specialists', i, 'costPerHour']}
              label={`${LABELS.pool.costPerHour} (${currencySymbol}/h)`}
              placeholder="not priced"
            />
          </div>
          <FieldError
            path={`team.specialists[${i}]`}
            messages={errors.get(`team.specialists[${i}]`)}
          />
          <button
            type="button"
            className="small link-like"
            onClick={() => apply((d) => removePool(d, i))}
            aria-label={`Remove pool ${pool.name || i + 1}`}
          >
            Remove pool
          </button>
        </fieldset>
      ))}
    </div>
  );
}

export function DynamicsSection() {
  return (
    <section className="editor-section" aria-labelledby="dynamics-heading">
      <h2 id="dynamics-heading">Dynamics and horizon</h2>
      <div className="field-grid">
        <NumberField path={['dynamics', 'delayPenaltyPerWeek']} />
        <NumberField path={['dynamics', 'stallWeeks']} />
        <NumberField path={['horizon', 'quarters']} />
        <NumberField path={['horizon', 'weeksPerQuarter']} />
        <NumberField
          path={['horizon', 'warmupWeeks']}
          hint="Simulated before Q1 so it starts with a pipeline"
        />
      </div>
    </section>
  );
}

/**
 * How long a run goes: until the headline is precise (docs/model.md §17), at most `trials`
 * trials, or exactly `trials` trials when precision is off.
 */
export function RunSettingsSection() {
  const { draft, apply } = useEditor();
  const precise = draft.precision !== undefined;
  const toggle = (on: boolean) =>
    apply((d) => {
      if (!on) {
        const { precision: _off, ...fixed } = d;
        return fixed;
      }
      return {
        ...d,
        precision: {
          relative: PARAMETERS.precision.relative.default,
          probability: PARAMETERS.precision.probability.default,
        },
      };
    });
  return (
    <section className="editor-section" aria-labelledby="run-heading">
      <h2 id="run-heading">Run</h2>
      <CheckboxField
        path={['precision']}
        label="Stop when the headline is precise"
        checked={precise}
        onChange={toggle}
      />
      <div className="field-grid">
        {precise ? (
          <>
            <NumberField
              path={['precision', 'relative']}
              hint="Bookings, margin, hours wasted and the gaps"
            />
            <NumberField
              path={['precision', 'probability']}
              hint="Chance of hitting quota, and that A books more"
            />
          </>
        ) : null}
        <NumberField
          path={['trials']}
          label={precise ? 'Most trials' : undefined}
          hint={
            precise
              ? 'The run stops here even if not yet precise'
              : 'Simulated histories of the whole horizon'
          }
        />
        <NumberField path={['seed']} hint="Same seed and inputs, same results" />
      </div>
    </section>
  );
}
