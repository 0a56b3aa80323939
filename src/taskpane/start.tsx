/**
 * Start of the task pane in Excel: wait for Office.js, check the host can run the pane, then render it over
 * the Office.js WorkbookHost. Every way this can fail ends in a Chinese message, never a blank pane.
 * Called by index.tsx in Excel and by the e2e test page after it installed the simulator's Office globals.
 */
import { checkHostSupport } from '../excel/host-support';
import { OfficeWorkbookHost } from '../excel/office-host';
import { narrativeActions } from '../ui/pane/NarrativeActions';
import { officeDelivery } from '../ui/delivery';
import { renderBlocker, renderPane } from '../ui/pane/mount';

const OFFICE_READY_TIMEOUT_MS = 20_000;

function container(): HTMLElement {
  let el = document.getElementById('root');
  if (!el) {
    el = document.createElement('div');
    el.id = 'root';
    document.body.appendChild(el);
  }
  return el;
}

async function start(): Promise<void> {
  const root = container();
  if (window.__budgetPaneOldHost) return; // taskpane.html has already said why
  if (typeof Office === 'undefined' || !Office.onReady) {
    renderBlocker(root, {
      title: '无法加载 Office.js',
      text:
        '任务窗格无法从微软服务器加载 Office.js。如单位内网无法访问 appsforoffice.microsoft.com，' +
        '请联系信息技术人员部署内网版本（见部署说明“内网部署”）。',
    });
    return;
  }
  let info: { host: Office.HostType | null };
  try {
    info = await Promise.race([
      Office.onReady(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), OFFICE_READY_TIMEOUT_MS)),
    ]);
  } catch {
    renderBlocker(root, {
      title: 'Office 未响应',
      text: '等待 Excel 初始化加载项超时。请关闭任务窗格后重新打开；如仍无法使用，请重启 Excel。',
    });
    return;
  }
  if (info.host !== Office.HostType.Excel) {
    renderBlocker(root, {
      title: '请在 Excel 中使用',
      text: '预算公开校验助手是 Excel 加载项，请在 Excel（Windows、Mac 或网页版）中通过“开始”选项卡上的按钮打开。',
    });
    return;
  }
  const unsupported = checkHostSupport(Office);
  if (unsupported) {
    renderBlocker(root, { title: '无法启动预算公开校验助手', text: unsupported });
    return;
  }
  const host = new OfficeWorkbookHost((batch) => Excel.run(batch), Office.context.requirements);
  // Files leave the pane by the route this host allows (download, the user's browser on a Mac, or not at all).
  renderPane(root, host, narrativeActions(host), officeDelivery(Office));
}

export function startTaskPane(): Promise<void> {
  return start().catch((e: unknown) => {
    renderBlocker(container(), {
      title: '任务窗格启动失败',
      text: `启动时出现意外错误（${e instanceof Error ? e.message : String(e)}）。请关闭并重新打开任务窗格。`,
    });
  });
}
