import { Component, type ErrorInfo, type ReactNode } from 'react';
import { StatusMessage } from '../taskpane/components/StatusMessage';

interface State {
  error?: Error;
}

/** Whatever goes wrong while rendering, the page shows a Chinese message rather than going blank. */
export class WebErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('页面出错', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <div style={{ padding: 24, maxWidth: 720 }} data-testid="page-error">
          <StatusMessage
            message={{
              intent: 'error',
              title: '页面出错',
              text: `界面遇到意外错误（${this.state.error.message}）。请刷新页面后重新打开工作簿；如问题仍在，请将工作簿反馈给开发人员。`,
            }}
          />
        </div>
      );
    }
    return this.props.children;
  }
}
