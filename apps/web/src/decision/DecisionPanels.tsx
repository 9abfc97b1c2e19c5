/**
 * The decision analyses under the results, as tabs: Sensitivity (tornado and break-even),
 * Frontier, and How sure (run to a precision target). Every analysis runs on the latest valid
 * scenario through its own worker pool, can be cancelled, and is cancelled when the scenario
 * changes or the panels go away. Inactive tabs stay mounted (hidden), so an analysis keeps running
 * while another tab is open.
 */
import type { Scenario } from '@sweetspot/scenario';
import { type KeyboardEvent, type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import type { RunController, RunState } from '../run/controller.ts';
import { useRunState } from '../run/useRunState.ts';

/** The main run's precision, in words, once a precision-stopped run has judged a batch. */
const selectPrecisionLine = (state: RunState): string | undefined =>
  state.precision
    ? state.precision.met
      ? state.precision.line
      : `${state.phase === 'running' ? 'refining' : 'stopped'}: ${state.precision.reached} after ${state.precision.trials.toLocaleString('en-US')} trials`
    : undefined;

import { BreakEvenSection } from './BreakEven.tsx';
import { FrontierPanel } from './FrontierPanel.tsx';
import { PrecisionPanel } from './PrecisionPanel.tsx';
import { finalTrialsOf, type PanelProps } from './panel.ts';
import { useDecisionRunner } from './runner.ts';
import { TornadoSection } from './Tornado.tsx';
import './decision.css';

interface Props {
  controller: RunController;
  /** The draft does not validate. */
  invalid: boolean;
  /** Sets the main run's trials (the "How sure" panel offers the count it needed). */
  onUseTrials?: (trials: number) => void;
}

const TABS = [
  { id: 'sensitivity', label: 'Sensitivity' },
  { id: 'frontier', label: 'Frontier' },
  { id: 'precision', label: 'How sure' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** One tab's panel: kept mounted while hidden, so its analysis keeps running. */
function TabPanel({ id, shown, children }: { id: TabId; shown: TabId; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`decision-panel-${id}`}
      aria-labelledby={`decision-tab-${id}`}
      hidden={shown !== id}
      className="decision-panel"
    >
      {children}
    </div>
  );
}

const selectLatestKey = (s: RunState) => s.latestKey;

export function DecisionPanels({ controller, invalid, onUseTrials }: Props) {
  const scenarioKey = useRunState(controller, selectLatestKey);
  // How sure starts from the main run's own convergence (a precision-stopped run's last line).
  const mainPrecision = useRunState(controller, selectPrecisionLine);
  const scenario = useMemo(
    () => (scenarioKey ? (JSON.parse(scenarioKey) as Scenario) : undefined),
    [scenarioKey],
  );
  const runner = useDecisionRunner();
  const [tab, setTab] = useState<TabId>('sensitivity');
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());
  const mainTrials = useCallback(
    () => finalTrialsOf(controller.getState(), scenarioKey),
    [controller, scenarioKey],
  );
  const props: PanelProps = { scenario, scenarioKey, invalid, runner, mainTrials };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const to =
      event.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (i - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : undefined;
    if (to === undefined) return;
    event.preventDefault();
    const next = (TABS[to] as (typeof TABS)[number]).id;
    setTab(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <section className="decision" aria-labelledby="decision-title" data-testid="decision">
      <h2 id="decision-title">Decision analysis</h2>
      <p className="chart-note">
        What the answer depends on, where it flips, how much out-of-profile demand is worth chasing,
        and how many trials make it sure. Each analysis runs many simulations in the background; the
        results above stay as they are.
      </p>
      <div className="decision-tabs" role="tablist" aria-label="Decision analyses">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) tabRefs.current.set(t.id, el);
              else tabRefs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`decision-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`decision-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={onKeyDown}
          >
            {t.label}
          </button>
        ))}
      </div>
      <TabPanel id="sensitivity" shown={tab}>
        <TornadoSection {...props} />
        <BreakEvenSection {...props} />
      </TabPanel>
      <TabPanel id="frontier" shown={tab}>
        <FrontierPanel {...props} />
      </TabPanel>
      <TabPanel id="precision" shown={tab}>
        <PrecisionPanel
          {...props}
          {...(onUseTrials ? { onUseTrials } : {})}
          mainRun={mainPrecision}
        />
      </TabPanel>
    </section>
  );
}
