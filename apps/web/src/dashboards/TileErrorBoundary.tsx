import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';

interface State {
  error: unknown;
}

/**
 * Keeps one tile's failure to draw inside that tile: the rest of the dashboard still shows. `resetKey` (the tile's
 * query and refresh count) gives the tile a fresh try when it changes.
 */
export class TileErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State & { resetKey: string }> {
  state: State & { resetKey: string } = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: State & { resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('dashboard tile failed to draw', error, info.componentStack);
  }

  render() {
    if (this.state.error) return <ErrorNotice error={this.state.error} title="This tile could not be drawn" />;
    return this.props.children;
  }
}
