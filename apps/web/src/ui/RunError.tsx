/** A failed run, said in words, with a button to try again. */
import type { ReactNode } from 'react';

interface Props {
  /** What failed, in bold ("A simulation worker crashed."). */
  title: ReactNode;
  /** The error's own message. */
  detail: ReactNode;
  onRetry: () => void;
  testId: string;
}

export function RunError({ title, detail, onRetry, testId }: Props) {
  return (
    <div className="run-error" role="alert" data-testid={testId}>
      <p>
        <strong>{title}</strong> {detail}
      </p>
      <button type="button" onClick={onRetry} data-testid="retry">
        Retry
      </button>
    </div>
  );
}
