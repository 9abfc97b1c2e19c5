/** Every validation problem in one list; problems with a field link to it. */
import type { Scenario, ValidationError } from '@sweetspot/scenario';
import { fieldId, fieldLabel } from './paths.ts';

interface Props {
  errors: readonly ValidationError[];
  /** The draft, to name fields by their labels. */
  draft: Scenario;
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

/** Where a problem is: the field's label when the editor names it, else the path as before. */
function Where({ path, draft }: { path: string; draft: Scenario }) {
  const label = fieldLabel(path, draft);
  if (label) return <span className="error-field">{label}</span>;
  return <span className="mono">{path === '' ? 'Scenario' : path}</span>;
}

export function ErrorSummary({ errors, draft, fieldOf }: Props) {
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
          return (
            <li key={`${e.path}|${e.message}`}>
              {field ? (
                <button type="button" className="link-like" onClick={() => focusField(field)}>
                  <Where path={e.path} draft={draft} /> {e.message}
                </button>
              ) : (
                <span>
                  <Where path={e.path} draft={draft} /> {e.message}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
