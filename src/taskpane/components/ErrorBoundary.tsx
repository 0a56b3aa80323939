import { Component, type ErrorInfo, type ReactNode } from 'react';
import { StatusMessage } from './StatusMessage';

interface State {
  error?: Error;
}

/** Whatever goes wrong while rendering, the pane shows a Chinese message rather than going blank. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('任务窗格出错', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <div style={{ padding: 12 }}>
          <StatusMessage
            message={{
              intent: 'error',
              title: '任务窗格出错',
              text: `界面遇到意外错误（${this.state.error.message}）。请关闭并重新打开任务窗格；如问题仍在，请将工作簿反馈给开发人员。`,
            }}
          />
        </div>
      );
    }
    return this.props.children;
  }
}
