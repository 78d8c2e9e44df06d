import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  onReset: () => void;
}

/** Keeps an unexpected error in one screen from blanking the app; the run log is untouched. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <main id="main" className="error-screen">
        <h1>Something went wrong in Outage Drill</h1>
        <p role="alert">The screen hit an unexpected error: {this.state.error.message}. Your run is saved as it was before this happened.</p>
        <button
          type="button"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset();
          }}
        >
          Back to the briefing
        </button>
      </main>
    );
  }
}
