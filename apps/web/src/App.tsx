/** The app: the scenario editor on the left, the results of the latest valid scenario on the right. */
import { type Scenario, validateScenario } from '@sweetspot/scenario';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AppTools } from './app/AppTools.tsx';
import { DecisionPanels } from './decision/DecisionPanels.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { setIn } from './editor/draft.ts';
import { editorFieldPaths, type PathKey, placeErrors, plainErrors } from './editor/paths.ts';
import { ScenarioEditor } from './editor/ScenarioEditor.tsx';
import { ImportFromCrm } from './import/ImportFromCrm.tsx';
import { ResultsPanel } from './results/ResultsPanel.tsx';
import type { RunController } from './run/controller.ts';
import { RunBar } from './run/RunBar.tsx';
import { LinkRunPrompt } from './share/LinkRunPrompt.tsx';
import { type LinkRunAsk, linkRunAsk } from './share/linkBudget.ts';
import type { LinkProblem } from './share/urlState.ts';

interface Props {
  controller: RunController;
  initial: Scenario;
  /** Why the link the page was opened with could not be used (the default is shown instead). */
  linkProblem?: LinkProblem | undefined;
  /** The link's run is estimated over a minute: ask before running it (share/linkBudget.ts). */
  initialAsk?: LinkRunAsk | undefined;
}

/** A field a person types into (its value may be half typed), as opposed to a select or a box. */
function isTextField(target: EventTarget): boolean {
  return target instanceof HTMLInputElement && (target.type === 'text' || target.type === 'number');
}

const NO_ERRORS = { byField: new Map<string, string[]>(), unplaced: [] };

export function App({ controller, initial, linkProblem, initialAsk }: Props) {
  const [draft, setDraft] = useState<Scenario>(initial);
  const [ask, setAsk] = useState<LinkRunAsk | undefined>(initialAsk);
  /** Trials the person agreed to run although estimated over a minute ("Run it"). */
  const [approvedTrials, setApprovedTrials] = useState(0);
  /**
   * The latest edit is a keystroke in a text field: its number may be half typed, so its run
   * waits for a pause or Enter (RunController.request's `typing`). Leaving the field does not
   * hurry it: a person tabbing through fields makes one run, not one per field.
   */
  const typing = useRef(false);
  /** Narrow screens: the header's tools are in a menu (styles.css), open or closed. */
  const [menuOpen, setMenuOpen] = useState(false);
  const validation = useMemo(() => validateScenario(draft), [draft]);
  const fields = useMemo(() => editorFieldPaths(draft), [draft]);
  // Messages about the optional mechanisms that name scenario paths are said with field labels.
  const errors = useMemo(
    () => (validation.ok ? [] : plainErrors(validation.errors, draft)),
    [validation, draft],
  );
  const placed = useMemo(
    () => (validation.ok ? NO_ERRORS : placeErrors(errors, fields)),
    [validation, errors, fields],
  );

  useEffect(() => {
    // A run estimated over a minute waits for an answer to the question (LinkRunPrompt): a
    // link's, or one an edit asks for (more trials than the person has already agreed to).
    if (ask) controller.stop();
    else if (!validation.ok) controller.invalidate();
    else {
      const heavy = linkRunAsk(validation.scenario, undefined, 'edit');
      if (heavy && heavy.trials > approvedTrials) setAsk(heavy);
      else controller.request(validation.scenario, { typing: typing.current });
    }
    typing.current = false;
  }, [validation, controller, ask, approvedTrials]);

  const set = useCallback(
    (path: readonly PathKey[], value: unknown) => setDraft((d) => setIn(d, path, value)),
    [],
  );
  const apply = useCallback((edit: (d: Scenario) => Scenario) => setDraft((d) => edit(d)), []);
  const load = useCallback((scenario: Scenario) => setDraft(scenario), []);
  const setTrials = useCallback((trials: number) => set(['trials'], trials), [set]);
  const openLink = useCallback((scenario: Scenario) => {
    setAsk(linkRunAsk(scenario));
    setDraft(scenario);
  }, []);
  const runFewer = useCallback(
    (trials: number) => {
      setAsk(undefined);
      setTrials(trials);
    },
    [setTrials],
  );

  // What the run bar and the results both show the run against.
  const runView = { controller, invalid: !validation.ok, awaitingAnswer: ask !== undefined };
  return (
    <div className="app">
      {/* Keyboard users reach the results in one Tab from the top of the page. */}
      <a className="skip-link" href="#results-pane">
        Skip to the results
      </a>
      <header
        className="app-header"
        data-menu={menuOpen ? 'open' : 'closed'}
        onClickCapture={(event) => {
          // On a phone the tools sit in a menu: choosing one closes it (Copy link keeps it open
          // for its popover).
          const button = (event.target as Element).closest('button');
          if (menuOpen && button && !button.classList.contains('menu-toggle'))
            if (!button.closest('.copy-link')) setMenuOpen(false);
        }}
      >
        <h1>
          <span className="logo" aria-hidden="true" />
          Sweetspot
        </h1>
        <p className="tagline">
          Focus on the sweet spot, or chase everything? Simulate your quarter.
        </p>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="header-tools"
          onClick={() => setMenuOpen((open) => !open)}
          data-testid="menu-toggle"
        >
          {menuOpen ? 'Close menu' : 'Menu'}
        </button>
        <ImportFromCrm current={draft} onOpen={load} />
        <AppTools
          controller={controller}
          scenario={validation.ok ? validation.scenario : undefined}
          load={load}
          linkProblem={linkProblem}
          openLink={openLink}
        />
      </header>
      <main className="layout">
        <aside
          className="editor-pane"
          aria-label="Scenario"
          onInputCapture={(event) => {
            if (isTextField(event.target)) typing.current = true;
          }}
          onKeyDownCapture={(event) => {
            if (event.key === 'Enter' && isTextField(event.target)) controller.flush();
          }}
        >
          <ErrorBoundary area="the scenario editor">
            <ScenarioEditor
              draft={draft}
              errors={errors}
              byField={placed.byField}
              fields={fields}
              set={set}
              apply={apply}
              load={load}
            />
          </ErrorBoundary>
        </aside>
        <section
          className="results-pane"
          id="results-pane"
          aria-label="Results"
          tabIndex={-1}
          data-scroll-root
        >
          {ask ? (
            <LinkRunPrompt
              ask={ask}
              onRun={() => {
                setApprovedTrials(ask.trials);
                setAsk(undefined);
              }}
              onFewer={runFewer}
            />
          ) : null}
          <ErrorBoundary area="the run status">
            <RunBar {...runView} />
          </ErrorBoundary>
          <ErrorBoundary area="the results">
            <ResultsPanel {...runView} />
          </ErrorBoundary>
          <ErrorBoundary area="the decision analyses">
            <DecisionPanels
              controller={controller}
              invalid={!validation.ok}
              onUseTrials={setTrials}
            />
          </ErrorBoundary>
        </section>
      </main>
    </div>
  );
}
