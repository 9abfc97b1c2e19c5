import type { ReactNode } from 'react';
import { CatchErrors } from './ui/CatchErrors.tsx';

interface Props {
  /** What this boundary protects, for the message ("the results"). */
  area: string;
  children: ReactNode;
}

/** Catches render errors so a bug shows a message with a way out, never a blank screen. */
export function ErrorBoundary({ area, children }: Props) {
  return (
    <CatchErrors
      logAs={`error while showing ${area}`}
      fallback={(error, retry) => (
        <div className="boundary-error" role="alert">
          <h2>Something went wrong while showing {area}.</h2>
          <p className="mono">{error.message}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}
    >
      {children}
    </CatchErrors>
  );
}
