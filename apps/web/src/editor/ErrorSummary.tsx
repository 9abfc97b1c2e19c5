/** Every validation problem in one list, named by labels; problems with a field link to it. */
import type { Scenario, ValidationError } from '@sweetspot/scenario';
import { fieldId, fieldName } from './paths.ts';

interface Props {
  /** Errors in the editor's words (plainErrors): each message starts with its field's label. */
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

/**
 * A problem in words: where the field is ("Segment 2 (Out of profile):"), when the message's own
 * label does not say it, then the message ("Win rate must be at most 100%").
 */
function Problem({ error, draft }: { error: ValidationError; draft: Scenario }) {
  const context = fieldName(error.path, draft)?.context;
  return (
    <>
      {context ? <span className="error-field">{context}:</span> : null} {error.message}
    </>
  );
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
                  <Problem error={e} draft={draft} />
                </button>
              ) : (
                <span>
                  <Problem error={e} draft={draft} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
