import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What this boundary protects, for the message ("the results"). */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

/** Catches render errors so a bug shows a message with a way out, never a blank screen. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Sweetspot: error while showing ${this.props.area}`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="boundary-error" role="alert">
        <h2>Something went wrong while showing {this.props.area}.</h2>
        <p className="mono">{error.message}</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
