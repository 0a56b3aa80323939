/**
 * The WPS 加载项's main page script (index.html loads it as main.js): the ribbon callbacks ribbon.xml names,
 * on window.ribbon. 校验 opens the task pane (taskpane.html beside this page) once and toggles it afterwards; the
 * pane's id is kept in wps.PluginStorage, which every page of the add-in shares.
 *
 * WPS API used (WPS 加载项开发说明, open.wps.cn; the wpsjs templates' ribbon.js): Application.CreateTaskPane(url,
 * title) → TaskPane { ID, Visible, DockPosition }, Application.GetTaskPane(id), Application.PluginStorage
 * getItem/setItem, and the enum msoCTPDockPositionRight (2). Nothing here was run in a real WPS (none here).
 */

interface WpsTaskPane {
  ID: string;
  Visible: boolean;
  DockPosition: number;
}

interface WpsApplication {
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: string): WpsTaskPane | null | undefined;
  PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  ribbonUI?: unknown;
}

interface RibbonControl {
  Id: string;
}

declare global {
  interface Window {
    ribbon?: unknown;
    Application?: unknown;
  }
}

/** msoCTPDockPositionRight */
const DOCK_RIGHT = 2;
const PANE_KEY = 'budgetcheck_taskpane_id';
export const PANE_TITLE = '预算公开校验助手';

function app(): WpsApplication | undefined {
  return window.Application as WpsApplication | undefined;
}

/** taskpane.html beside the page this script runs in (online: the server's folder; offline: the jsaddons folder). */
export function paneUrl(href: string): string {
  return href.replace(/[?#].*$/, '').replace(/[^/]*$/, '') + 'taskpane.html';
}

export const ribbon = {
  OnAddinLoad(ribbonUI: unknown): boolean {
    const a = app();
    if (a && typeof a.ribbonUI !== 'object') a.ribbonUI = ribbonUI;
    return true;
  },
  OnAction(control: RibbonControl): void {
    if (control.Id !== 'btnBudgetCheck') return;
    const a = app();
    if (!a) return;
    const id = a.PluginStorage.getItem(PANE_KEY);
    const existing = id ? a.GetTaskPane(String(id)) : undefined;
    if (existing) {
      existing.Visible = !existing.Visible;
      return;
    }
    const pane = a.CreateTaskPane(paneUrl(window.location.href), PANE_TITLE);
    a.PluginStorage.setItem(PANE_KEY, pane.ID);
    pane.DockPosition = DOCK_RIGHT;
    pane.Visible = true;
  },
  GetImage(control: RibbonControl): string {
    return control.Id === 'btnBudgetCheck' ? 'images/check.png' : '';
  },
  OnGetEnabled(): boolean {
    return true;
  },
};

window.ribbon = ribbon;
