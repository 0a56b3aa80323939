/** Entry of the web page (dist-web/index.html): the Fluent provider around the page, a Chinese message on failure. */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { WebApp } from './WebApp';

declare global {
  interface Window {
    __budgetWebStarted?: boolean;
    __budgetWebOld?: boolean;
    __budgetWebBootMessage?: (title: string, text: string) => void;
  }
}

function start(): void {
  if (window.__budgetWebOld) return; // index.html has already said why
  const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
  window.__budgetWebStarted = true;
  document.getElementById('boot')?.remove();
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} dir="ltr" style={{ minHeight: '100%', backgroundColor: 'transparent' }}>
      <ErrorBoundary where="页面" advice="请刷新页面后重新打开工作簿">
        <WebApp />
      </ErrorBoundary>
    </FluentProvider>,
  );
}

try {
  start();
} catch (e) {
  window.__budgetWebBootMessage?.('页面启动失败', `启动时出现意外错误（${e instanceof Error ? e.message : String(e)}）。请刷新页面。`);
}
