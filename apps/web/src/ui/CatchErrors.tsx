/** A React error boundary: a render error shows `fallback` instead of a blank screen. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Where the error happened, for the console ("error while showing the results"). */
  logAs: string;
  /** What to show instead; `retry` renders the children again. */
  fallback: (error: Error, retry: () => void) => ReactNode;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

export class CatchErrors extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Sweetspot: ${this.props.logAs}`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return this.props.fallback(error, () => this.setState({ error: undefined }));
  }
}
