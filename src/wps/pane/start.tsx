/**
 * Start of the task pane in WPS 表格: find the ET Application WPS gives the page (window.Application, or
 * wps.EtApplication() in older builds), then render the same pane as in Excel (src/ui/pane) over the ET adapter.
 * Without WPS the page says so in Chinese instead of staying blank.
 */
import type { EtApplication } from '../et-api';
import { EtWorkbookHost } from '../et-host';
import { narrativeActions } from '../../ui/pane/NarrativeActions';
import { renderBlocker, renderPane } from '../../ui/pane/mount';

declare global {
  interface Window {
    wps?: { EtApplication?: () => unknown };
  }
}

/** The ET Application of the page, looked up at every call (WPS may set it after the page's script ran). */
export function etApplication(): EtApplication | undefined {
  const w = window as unknown as { Application?: EtApplication; wps?: { EtApplication?: () => EtApplication } };
  if (w.Application && typeof w.Application === 'object') return w.Application;
  try {
    return w.wps?.EtApplication?.() ?? undefined;
  } catch {
    return undefined;
  }
}

function container(): HTMLElement {
  let el = document.getElementById('root');
  if (!el) {
    el = document.createElement('div');
    el.id = 'root';
    document.body.appendChild(el);
  }
  return el;
}

export function startWpsPane(getApp: () => EtApplication | undefined = etApplication): void {
  const root = container();
  try {
    if (!getApp()) {
      renderBlocker(root, {
        title: '请在 WPS 表格中使用',
        text: '没有检测到 WPS 表格（window.Application 不可用）。本页面是 WPS 加载项“预算公开校验助手”的任务窗格，请在 WPS 表格中点“预算公开校验”选项卡上的“校验”打开；不用 WPS 时可改用网页版或命令行 budget-check。',
      });
      return;
    }
    const host = new EtWorkbookHost(getApp);
    renderPane(root, host, narrativeActions(host));
  } catch (e) {
    renderBlocker(root, {
      title: '任务窗格启动失败',
      text: `启动时出现意外错误（${e instanceof Error ? e.message : String(e)}）。请关闭并重新打开任务窗格。`,
    });
  }
}
