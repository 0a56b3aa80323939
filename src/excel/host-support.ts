/**
 * Can this Excel run the task pane? Returns a Chinese message for the pane to show instead of a blank page, or
 * null when it can.
 *
 * Too old: ExcelApi below 1.4 (Excel 2016 without a Microsoft 365 subscription), or a task pane shown by the
 * Internet Explorer 11 (Trident) web view of older Windows Office builds — no Promise, Proxy, Map iteration …
 * The rest of the pane is compiled for modern engines and would not even parse there, so this module is written
 * in ES5 syntax only (var, function, no arrows, template literals, classes, spread or optional chaining; a test
 * checks the compiled function) and can be loaded as its own small script before the pane's bundle.
 */

/** The few Office.js globals this check looks at (Office.context.requirements, Office.context.diagnostics). */
export interface OfficeLike {
  context?: {
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
    diagnostics?: unknown;
    host?: unknown;
  };
}

/** The engine features the pane needs, and the user agent (defaults to the running page's). */
export interface EngineLike {
  Promise?: unknown;
  Proxy?: unknown;
  Map?: unknown;
  Symbol?: unknown;
  fetch?: unknown;
  navigator?: { userAgent?: string };
}

export var HOST_TOO_OLD_MESSAGE =
  '当前 Excel 版本过旧，无法运行“预算公开校验助手”（需要 Excel JavaScript API 1.4 及以上）。请使用 Microsoft 365 版 Excel、Excel 2019 及以上版本或 Excel 网页版；也可以改用网页版校验工具或命令行 budget-check。';

export var OLD_WEBVIEW_MESSAGE =
  '当前 Excel 使用旧版 Internet Explorer 内核显示加载项，无法运行“预算公开校验助手”。请将 Office 更新到 Microsoft 365 或 Excel 2021 及以上版本（使用 Microsoft Edge WebView2），或改用 Excel 网页版、网页版校验工具。';

export var NOT_IN_EXCEL_MESSAGE = '请在 Excel 中打开“预算公开校验助手”：没有检测到 Excel（Office.js 未加载）。';

export function checkHostSupport(office: OfficeLike | undefined, engine?: EngineLike): string | null {
  var env: EngineLike = engine || (typeof globalThis !== 'undefined' ? (globalThis as EngineLike) : {});
  var ua = (env.navigator && env.navigator.userAgent) || '';
  if (/Trident\/|MSIE /.test(ua) || typeof env.Promise !== 'function' || typeof env.Proxy !== 'function' || typeof env.Map !== 'function' || typeof env.Symbol !== 'function') {
    return OLD_WEBVIEW_MESSAGE;
  }
  if (!office || !office.context) return NOT_IN_EXCEL_MESSAGE;
  var req = office.context.requirements;
  var ok = false;
  try {
    ok = !!req && req.isSetSupported('ExcelApi', '1.4');
  } catch (e) {
    ok = false;
  }
  return ok ? null : HOST_TOO_OLD_MESSAGE;
}
