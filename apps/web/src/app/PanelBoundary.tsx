import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel is ("the library"), for the message. */
  area: string;
  onClose: () => void;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

/**
 * Catches a crash in a dialog or overlay (library, report, trainer…) and shows it with a way
 * out, so one broken panel never takes the editor and the results down with it.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Sweetspot: error in ${this.props.area}`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert">
        <h2>Something went wrong in {this.props.area}.</h2>
        <p className="mono">{error.message}</p>
        <div className="button-row">
          <button type="button" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
          <button type="button" onClick={this.props.onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }
}
