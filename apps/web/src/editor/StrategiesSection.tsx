/** Strategies: name, what they pursue, how reps prioritize, and an optional quarter-end push. */
import { PRIORITIES, type Priority, type ProspectWhen } from '@sweetspot/scenario';
import { removeStrategy, setPush, setStrategyProspecting } from './draft.ts';
import { useEditor } from './EditorContext.tsx';
import { CheckboxField, NumberField, SelectField, TextField } from './fields.tsx';
import { PursueControl } from './PursueControl.tsx';
import { LABELS } from './paths.ts';
import { ListSection } from './SectionHead.tsx';

export const PROSPECT_WHEN_LABELS: Record<ProspectWhen, string> = {
  always: 'Every week',
  'during-push': 'Only when behind plan (during a quarter-end push)',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  'expected-value-per-hour': 'Expected value per hour',
  'oldest-first': 'Oldest deal first',
  'closest-to-close': 'Closest to close',
  'largest-first': 'Largest deal first',
};

/** A strategy's optional rules: the toggle's id prefix, its label, and how it turns on or off. */
const OPTIONAL_RULES = {
  quarterEndPush: { id: 'push-toggle', label: LABELS.push, toggle: setPush },
  prospecting: {
    id: 'prospecting-toggle',
    label: LABELS.strategyProspecting,
    toggle: setStrategyProspecting,
  },
} as const;

/** Turns one of strategy `index`'s optional rules on (with its defaults) or off. */
function RuleToggle({ index, rule }: { index: number; rule: keyof typeof OPTIONAL_RULES }) {
  const { draft, apply } = useEditor();
  const { id, label, toggle } = OPTIONAL_RULES[rule];
  return (
    <CheckboxField
      path={['strategies', index, rule]}
      id={`${id}-${index}`}
      label={label}
      checked={draft.strategies[index]?.[rule] !== undefined}
      onChange={(on) => apply((d) => toggle(d, index, on))}
    />
  );
}

function StrategyCard({ index }: { index: number }) {
  const { draft, set, apply } = useEditor();
  const strategy = draft.strategies[index];
  if (!strategy) return null;
  const push = strategy.quarterEndPush;
  const prospecting = strategy.prospecting;
  const base = ['strategies', index] as const;
  const inPair = draft.compare.includes(strategy.id);
  const slot = draft.compare[0] === strategy.id ? 'A' : draft.compare[1] === strategy.id ? 'B' : '';
  return (
    <fieldset className={`strategy-card${slot ? ` slot-${slot.toLowerCase()}` : ''}`}>
      <legend>
        {slot ? <span className={`badge badge-${slot.toLowerCase()}`}>{slot}</span> : null}
        Strategy {index + 1}
      </legend>
      <TextField path={[...base, 'name']} label="Name" />
      <div className="field-row">
        <PursueControl path={[...base, 'pursue']} label={LABELS.pursue} />
        <SelectField
          path={[...base, 'priority']}
          label="Priority"
          value={strategy.priority}
          options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
          onChange={(value) => set([...base, 'priority'], value)}
        />
      </div>
      <RuleToggle index={index} rule="quarterEndPush" />
      {push ? (
        <div className="push-grid">
          <NumberField path={[...base, 'quarterEndPush', 'fromWeek']} />
          <NumberField path={[...base, 'quarterEndPush', 'belowAttainment']} />
          <PursueControl path={[...base, 'quarterEndPush', 'pursue']} label={LABELS.pushPursue} />
          <NumberField path={[...base, 'quarterEndPush', 'pullInWeeks']} />
          <NumberField path={[...base, 'quarterEndPush', 'extraDiscount']} />
          <NumberField path={[...base, 'quarterEndPush', 'pullInWinFactor']} />
          <NumberField path={[...base, 'quarterEndPush', 'overtime']} />
        </div>
      ) : null}
      <RuleToggle index={index} rule="prospecting" />
      {prospecting ? (
        <div className="field-row prospect-row">
          <PursueControl
            path={[...base, 'prospecting', 'pursue']}
            label={LABELS.strategyProspectingPursue}
          />
          <SelectField
            path={[...base, 'prospecting', 'when']}
            label={LABELS.strategyProspectingWhen}
            value={prospecting.when}
            options={(['always', 'during-push'] as const).map((w) => ({
              value: w,
              label: PROSPECT_WHEN_LABELS[w],
            }))}
            onChange={(value) => set([...base, 'prospecting', 'when'], value)}
            hint="Spare hours left after working deals go to finding new ones in these segments"
          />
        </div>
      ) : null}
      <button
        type="button"
        className="small link-like"
        onClick={() => apply((d) => removeStrategy(d, index))}
        disabled={draft.strategies.length <= 1}
        aria-label={`Remove strategy ${strategy.name || index + 1}`}
        title={inPair ? 'The A/B pair will switch to another strategy' : undefined}
      >
        Remove strategy
      </button>
    </fieldset>
  );
}

export function StrategiesSection() {
  const { draft } = useEditor();
  return (
    <ListSection list="strategies">
      {draft.strategies.map((strategy, i) => (
        <StrategyCard key={strategy.id} index={i} />
      ))}
    </ListSection>
  );
}
