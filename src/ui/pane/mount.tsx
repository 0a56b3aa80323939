/**
 * Mounting the pane: the FluentProvider with the Office light theme around the pane, or around a message
 * when the pane cannot run. Shared by the Office entry (index.tsx) and the test page (tests/e2e).
 */
import { createRoot, type Root } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { WorkbookHost } from '../../format/host';
import { ErrorBoundary } from '../ErrorBoundary';
import { StatusMessage, type StatusMessageData } from '../StatusMessage';
import { TaskPane, type TaskPaneProps } from './TaskPane';

declare global {
  interface Window {
    __budgetPaneStarted?: boolean;
    __budgetPaneOldHost?: boolean;
  }
}

let root: Root | undefined;

function mount(container: HTMLElement, node: JSX.Element): void {
  window.__budgetPaneStarted = true;
  document.getElementById('boot')?.remove();
  root ??= createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme} dir="ltr" style={{ minHeight: '100vh' }}>
      <ErrorBoundary where="任务窗格" advice="请关闭并重新打开任务窗格">{node}</ErrorBoundary>
    </FluentProvider>,
  );
}

export function renderPane(
  container: HTMLElement,
  host: WorkbookHost,
  extraActions?: TaskPaneProps['extraActions'],
  delivery?: TaskPaneProps['delivery'],
): void {
  mount(container, <TaskPane host={host} extraActions={extraActions} delivery={delivery} />);
}

/** A pane that only explains why it cannot run (old Excel, wrong host, office.js missing). */
export function renderBlocker(container: HTMLElement, message: Omit<StatusMessageData, 'intent'>): void {
  mount(
    container,
    <div style={{ padding: 12 }} data-testid="blocker">
      <StatusMessage message={{ intent: 'error', ...message }} />
    </div>,
  );
}
