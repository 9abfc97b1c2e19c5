/**
 * Trainer mode: a presentation over the app. Pick a lesson; its scenario is loaded and run; the
 * slides set it up one idea at a time, ask the audience to predict the winner and the margin,
 * reveal the answer from the actual run, show how often each side wins, replay a quarter week
 * by week, and end on the takeaway. Large type, high contrast, 1280×720; → / space / PageDown
 * advance, ← / PageUp go back, 1–5 pick an answer, Esc leaves. The presentation's state and keys
 * are presentation.ts; the slides are slides.tsx; this file wires them to the run.
 */
import * as Plot from '@observablehq/plot';
import { partsLargestFirst, type RunSummary } from '@sweetspot/analysis';
import type { Scenario } from '@sweetspot/scenario';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { money } from '../format.ts';
import { horizonLabel } from '../library/logic.ts';
import { attributionOf } from '../results/attribution.ts';
import { bookingsDiff, diffRows } from '../results/derive.ts';
import type { RunController, RunState } from '../run/controller.ts';
import { useRunState } from '../run/useRunState.ts';
import { COLORS } from '../ui/palette.ts';
import { LessonPicker } from './LessonPicker.tsx';
import { type Lesson, lessonScenario } from './lessons.ts';
import { answerOf } from './predict.ts';
import {
  lessonResult,
  PICKER,
  type PresentationAction,
  present,
  presenterKey,
  slideAt,
  slidesOf,
} from './presentation.ts';
import { Slide, type SlideRun } from './slides.tsx';

interface Props {
  controller: RunController;
  /** The scenario in the editor, if valid (offered as a lesson of its own). */
  scenario: Scenario | undefined;
  load: (scenario: Scenario) => void;
  onClose: () => void;
}

const selectResult = (s: RunState) => s.result;
const selectProgress = (s: RunState) => s.progress;
const selectRunKey = (s: RunState) => s.runKey;

/** The distribution of A − B bookings per trial over the horizon (or the quarter). */
function OddsChart({ summary, quarters }: { summary: RunSummary; quarters: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const period = quarters > 1 ? 'year' : 0;
  const currency = summary.currency;
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const rows = diffRows(summary, period);
    const med = bookingsDiff(summary, period)?.p50 ?? 0;
    const xs = rows.flatMap((r) => [r.x0, r.x1]).concat(0);
    const figure = Plot.plot({
      width: 1000,
      height: 300,
      marginLeft: 70,
      marginBottom: 56,
      style: {
        fontSize: '20px',
        background: 'transparent',
        color: COLORS.ink,
        overflow: 'visible',
      },
      x: {
        label: 'A − B bookings in the same simulated trial →',
        tickFormat: (d: number) => money(d, currency, { signed: true }),
        domain: [Math.min(...xs), Math.max(...xs)],
        ticks: 5,
      },
      y: { label: null, ticks: 0 },
      marks: [
        Plot.rectY(rows, {
          x1: 'x0',
          x2: 'x1',
          y: 'share',
          fill: (d: { mid: number }) => (d.mid >= 0 ? COLORS.A : COLORS.B),
          insetLeft: 0.5,
          insetRight: 0.5,
        }),
        Plot.ruleY([0]),
        Plot.ruleX([0], { stroke: COLORS.ink, strokeWidth: 3 }),
        Plot.ruleX([med], { stroke: COLORS.ink, strokeWidth: 2, strokeDasharray: '8,6' }),
      ],
    });
    figure.setAttribute('aria-hidden', 'true');
    host.replaceChildren(figure);
    return () => host.replaceChildren();
  }, [summary, period, currency]);
  return (
    <div
      ref={ref}
      className="t-chart"
      role="img"
      aria-label="Distribution of the difference in bookings, A minus B, over the simulated trials"
    />
  );
}

export function TrainerView({ controller, scenario, load, onClose }: Props) {
  const [state, setState] = useState(PICKER);
  const act = (action: PresentationAction) => setState((s) => present(s, action));
  const { on, index, pick } = state;
  const result = useRunState(controller, selectResult);
  const progress = useRunState(controller, selectProgress);
  const runKey = useRunState(controller, selectRunKey);
  // The run controller keys a run by its scenario's JSON: the lesson's run is the one with this key.
  const key = useMemo(() => (on ? JSON.stringify(on.scenario) : undefined), [on]);
  const ready = lessonResult(result, key);

  const run = useMemo<SlideRun | undefined>(() => {
    if (!ready) return undefined;
    const attribution = attributionOf(ready.summary, 'year', 'bookings');
    return {
      answer: answerOf(ready.summary),
      scenario: ready.scenario,
      trials: ready.summary.trials,
      chunk: ready.chunk,
      split: { parts: partsLargestFirst(attribution), total: attribution?.total ?? 0 },
      oddsChart: <OddsChart summary={ready.summary} quarters={ready.scenario.horizon.quarters} />,
    };
  }, [ready]);

  const start = (l: Lesson) => {
    const s = l.id === 'current' && scenario ? scenario : lessonScenario(l);
    load(s);
    act({ type: 'start', lesson: l, scenario: s });
  };

  const slides = useMemo(() => (on ? slidesOf(on.lesson, on.scenario) : []), [on]);
  const count = slides.length;
  const current = slideAt(slides, index);
  const go = (delta: number) => act({ type: 'go', delta, count });

  // Keyboard: the presentation's own keys, anywhere in the trainer.
  const keys = useRef({ go, on, current, close: onClose });
  keys.current = { go, on, current, close: onClose };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keys.current;
      const command = presenterKey(
        {
          key: e.key,
          altKey: e.altKey,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          targetTag: (e.target as HTMLElement | null)?.tagName,
        },
        { inLesson: k.on !== undefined, slide: k.current?.kind },
      );
      if (!command) return;
      if (command.type === 'pick') {
        setState((s) => present(s, { type: 'pick', choice: command.choice }));
        return;
      }
      e.preventDefault();
      if (command.type === 'close') k.close();
      else if (command.type === 'lessons') setState((s) => present(s, { type: 'lessons' }));
      else k.go(command.delta);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The app underneath is inert while the trainer is shown.
  useEffect(() => {
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    document.body.classList.add('trainer-open');
    return () => {
      root?.removeAttribute('inert');
      document.body.classList.remove('trainer-open');
    };
  }, []);

  // Move focus into the slide when it changes, so screen readers follow.
  const stage = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the slide.
  useEffect(() => {
    stage.current?.focus({ preventScroll: true });
  }, [index, on]);

  return createPortal(
    <div
      className="trainer"
      role="dialog"
      aria-modal="true"
      aria-label="Trainer mode"
      data-testid="trainer"
    >
      <header className="t-bar">
        <span className="t-brand">
          <span className="logo" aria-hidden="true" /> Sweetspot trainer
        </span>
        <span className="t-lesson">{on ? on.lesson.title : 'Choose a lesson'}</span>
        {on ? (
          <button type="button" onClick={() => act({ type: 'lessons' })} data-testid="t-lessons">
            Lessons
          </button>
        ) : null}
        <button type="button" onClick={onClose} data-testid="t-exit">
          Exit (Esc)
        </button>
      </header>
      <section
        className="t-stage"
        ref={stage}
        tabIndex={-1}
        data-testid="t-stage"
        data-slide={on ? current?.id : 'lessons'}
        aria-label={on ? current?.title : 'Lessons'}
      >
        {on && current ? (
          <Slide
            plan={current}
            lesson={on.lesson}
            scenario={on.scenario}
            period={horizonLabel(on.scenario.horizon.quarters)}
            pick={pick}
            onPick={(choice) => act({ type: 'pick', choice })}
            run={run}
            progress={runKey === key ? progress : undefined}
          />
        ) : on ? null : (
          <LessonPicker scenario={scenario} start={start} />
        )}
      </section>
      {on ? (
        <footer className="t-nav">
          <button type="button" onClick={() => go(-1)} disabled={index === 0} data-testid="t-prev">
            ← Back
          </button>
          <span className="t-count" aria-live="polite">
            {index + 1} / {count}
          </span>
          <button
            type="button"
            className="primary"
            onClick={() => go(1)}
            disabled={index >= count - 1}
            data-testid="t-next"
          >
            Next →
          </button>
        </footer>
      ) : null}
    </div>,
    document.body,
  );
}
