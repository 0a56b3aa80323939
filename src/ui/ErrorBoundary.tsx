import { Component, type ErrorInfo, type ReactNode } from 'react';
import { StatusMessage } from './StatusMessage';

interface State {
  error?: Error;
}

interface Props {
  children: ReactNode;
  /** What the user is looking at: 任务窗格 (the add-in) or 页面 (the web page). */
  where: '任务窗格' | '页面';
  /** What to do next, e.g. 请关闭并重新打开任务窗格. */
  advice: string;
}

/** Whatever goes wrong while rendering, the pane or page shows a Chinese message rather than going blank. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.where}出错`, error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <div style={{ padding: this.props.where === '页面' ? 24 : 12, maxWidth: 720 }} data-testid="page-error">
          <StatusMessage
            message={{
              intent: 'error',
              title: `${this.props.where}出错`,
              text: `界面遇到意外错误（${this.state.error.message}）。${this.props.advice}；如问题仍在，请将工作簿反馈给开发人员。`,
            }}
          />
        </div>
      );
    }
    return this.props.children;
  }
}
