/** Every validation problem in one list; problems with a field link to it. */
import type { ValidationError } from '@sweetspot/scenario';
import { fieldId } from './paths.ts';

interface Props {
  errors: readonly ValidationError[];
  /** The field path an error is shown on. */
  fieldOf: (path: string) => string | undefined;
}

function focusField(path: string) {
  const el = document.getElementById(fieldId(path));
  if (el) {
    el.scrollIntoView({ block: 'center' });
    el.focus();
  }
}

export function ErrorSummary({ errors, fieldOf }: Props) {
  if (errors.length === 0) return null;
  return (
    <section className="error-summary" aria-live="polite" aria-labelledby="error-summary-heading">
      <h2 id="error-summary-heading">
        {errors.length === 1 ? '1 problem' : `${errors.length} problems`} to fix — results below are
        stale
      </h2>
      <ul>
        {errors.map((e) => {
          const field = fieldOf(e.path);
          const where = e.path === '' ? 'Scenario' : e.path;
          return (
            <li key={`${e.path}|${e.message}`}>
              {field ? (
                <button type="button" className="link-like" onClick={() => focusField(field)}>
                  <span className="mono">{where}</span> {e.message}
                </button>
              ) : (
                <span>
                  <span className="mono">{where}</span> {e.message}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
