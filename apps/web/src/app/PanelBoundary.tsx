import type { ReactNode } from 'react';
import { CatchErrors } from '../ui/CatchErrors.tsx';

interface Props {
  /** What the panel is ("the library"), for the message. */
  area: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * Catches a crash in a dialog or overlay (library, report, trainer…) and shows it with a way
 * out, so one broken panel never takes the editor and the results down with it.
 */
export function PanelBoundary({ area, onClose, children }: Props) {
  return (
    <CatchErrors
      logAs={`error in ${area}`}
      fallback={(error, retry) => (
        <div className="panel-error" role="alert">
          <h2>Something went wrong in {area}.</h2>
          <p className="mono">{error.message}</p>
          <div className="button-row">
            <button type="button" onClick={retry}>
              Try again
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    >
      {children}
    </CatchErrors>
  );
}
