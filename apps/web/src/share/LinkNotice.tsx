/** The dismissible message shown when a shared link could not be opened. */
import { formatError } from '@sweetspot/scenario';
import type { LinkProblem } from './urlState.ts';

export function LinkNotice({
  problem,
  onDismiss,
}: {
  problem: LinkProblem;
  onDismiss: () => void;
}) {
  const lines = problem.errors.map((e) =>
    e.path === '' ? `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}.` : formatError(e),
  );
  return (
    <div className="link-notice" role="alert" data-testid="link-notice">
      <div>
        <p>
          <strong>This link could not be opened.</strong> Showing the default scenario instead.
        </p>
        <ul>
          {lines.slice(0, 8).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {lines.length > 8 ? <li>…and {lines.length - 8} more problems.</li> : null}
        </ul>
      </div>
      <button type="button" onClick={onDismiss} data-testid="link-notice-dismiss">
        Dismiss
      </button>
    </div>
  );
}
