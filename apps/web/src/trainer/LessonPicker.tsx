/** The trainer's first screen: the built-in lessons, and the scenario in the editor as a lesson. */
import type { Scenario } from '@sweetspot/scenario';
import { LESSONS, type Lesson, scenarioLesson } from './lessons.ts';

export function LessonPicker({
  scenario,
  start,
}: {
  scenario: Scenario | undefined;
  start: (lesson: Lesson) => void;
}) {
  return (
    <div className="t-picker">
      <h1>Predict, then reveal</h1>
      <p className="t-lead">
        Pick a lesson. The audience predicts which strategy wins and by how much; the simulation
        answers.
      </p>
      <ul className="t-lessons">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" onClick={() => start(l)} data-testid={`lesson-${l.id}`}>
              <strong>{l.title}</strong>
              <span>{l.summary}</span>
            </button>
          </li>
        ))}
        {scenario ? (
          <li>
            <button
              type="button"
              onClick={() => start(scenarioLesson(scenario))}
              data-testid="lesson-current"
            >
              <strong>Your scenario: {scenario.name}</strong>
              <span>The scenario in the editor, as it is now.</span>
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
