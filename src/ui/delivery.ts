/**
 * How a file the pane made (校验报告 .csv/.html, 情况说明 .docx) reaches the user, chosen by host.
 *
 * - Windows (WebView2) and Excel on the web (the user's own browser): a download through a temporary link
 *   (src/ui/save.ts). The page is never told whether the user saved it, so the pane says 已开始下载, not 已下载.
 * - Mac and iPad: the task pane is a WKWebView in which `<a download>` does nothing, without an error
 *   (office-js#2700, closed "by design"; office-js#3385, #4681). Where Office.context.ui.openBrowserWindow exists
 *   (requirement set OpenBrowserWindowApi 1.1: Office on Mac and iPad, not on the web), the file is handed to the
 *   user's browser: save.html of this add-in opens there with the file in the URL fragment — which browsers never send
 *   to the server (RFC 3986 §3.5), so the workbook's contents stay on the computer — and the browser downloads it.
 *   openBrowserWindow only takes http(s) URLs (office-js#2870: blob: and data: fail), hence the page.
 * - Where neither works: 'none'; the pane then writes the report to a sheet of the workbook, or copies the
 *   情况说明 text to the clipboard, and says so.
 *
 * https://learn.microsoft.com/javascript/api/office/office.ui#office-office-ui-openbrowserwindow-member(1)
 * https://learn.microsoft.com/javascript/api/requirement-sets/common/open-browser-window-api-requirement-sets
 * https://github.com/OfficeDev/office-js/issues/2700 , https://github.com/OfficeDev/office-js/issues/3385
 */
import { saveBlob } from './save';

export type HostPlatform = 'windows' | 'mac' | 'web' | 'ipad' | 'other';

export interface HostProfile {
  platform: HostPlatform;
  /** Office.context.ui.openBrowserWindow is there and OpenBrowserWindowApi 1.1 is supported. */
  openBrowserWindow: boolean;
}

/** The parts of the Office.js globals the choice reads (Office.context.platform, requirements, ui). */
export interface OfficeForDelivery {
  context?: {
    platform?: unknown;
    diagnostics?: { platform?: unknown } | null;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
    ui?: { openBrowserWindow?: (url: string) => void };
  };
}

/** Office.PlatformType values (https://learn.microsoft.com/javascript/api/office/office.platformtype). */
const PLATFORMS: Record<string, HostPlatform> = { PC: 'windows', Mac: 'mac', OfficeOnline: 'web', iOS: 'ipad', Universal: 'windows' };

export function hostProfile(office: OfficeForDelivery | undefined): HostProfile {
  const ctx = office?.context;
  const raw = ctx?.platform ?? ctx?.diagnostics?.platform;
  const platform = (typeof raw === 'string' && PLATFORMS[raw]) || 'other';
  let obw = false;
  try {
    obw = typeof ctx?.ui?.openBrowserWindow === 'function' && !!ctx.requirements?.isSetSupported('OpenBrowserWindowApi', '1.1');
  } catch {
    obw = false;
  }
  return { platform, openBrowserWindow: obw };
}

export type FileRoute = 'download' | 'browser' | 'none';

/**
 * The largest file handed to the browser in a URL (base64, so 4/3 of this in characters). Microsoft documents no
 * limit for openBrowserWindow; this keeps the URL well inside what browsers accept (Safari takes URLs of several
 * MB). Larger files take the 'none' route.
 */
export const BROWSER_MAX_BYTES = 768 * 1024;

/** The route for a file of `bytes` bytes on this host. */
export function fileRoute(profile: HostProfile, bytes: number): FileRoute {
  if (profile.platform === 'mac' || profile.platform === 'ipad') {
    return profile.openBrowserWindow && bytes <= BROWSER_MAX_BYTES ? 'browser' : 'none';
  }
  return 'download';
}

export interface OutgoingFile {
  name: string;
  data: string | Uint8Array;
  mime: string;
}

export interface FileDelivery {
  readonly profile: HostProfile;
  /** Hands the file on by the host's route and says which it took; 'none' when it could not (nothing happened). */
  deliver(file: OutgoingFile): FileRoute;
}

/** UTF-8 bytes of text, or the bytes. */
export function fileBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** base64url of bytes (RFC 4648 §5), without padding. */
export function base64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The address of save.html (next to the pane's page) carrying the file in its fragment. */
export function savePageUrl(paneUrl: string, file: OutgoingFile): string {
  const url = new URL('save.html', paneUrl);
  const mime = typeof file.data === 'string' && !/charset=/i.test(file.mime) ? `${file.mime};charset=utf-8` : file.mime;
  url.hash = `n=${encodeURIComponent(file.name)}&t=${encodeURIComponent(mime)}&d=${base64Url(fileBytes(file.data))}`;
  return url.href;
}

/** The delivery for the Office host the pane runs in (Office.js globals), from the page at `paneUrl`. */
export function officeDelivery(office: OfficeForDelivery | undefined, paneUrl: string = location.href): FileDelivery {
  const profile = hostProfile(office);
  return {
    profile,
    deliver(file) {
      const bytes = fileBytes(file.data);
      const route = fileRoute(profile, bytes.length);
      if (route === 'download') saveBlob(file.name, file.data, file.mime);
      else if (route === 'browser') office!.context!.ui!.openBrowserWindow!(savePageUrl(paneUrl, file));
      return route;
    },
  };
}

/** A plain browser page (no Office): the download. */
export function browserDelivery(): FileDelivery {
  return {
    profile: { platform: 'other', openBrowserWindow: false },
    deliver(file) {
      saveBlob(file.name, file.data, file.mime);
      return 'download';
    },
  };
}

/**
 * What the pane says after delivering `name` (`what`: 校验报告, Word 文档) by `route`; `otherwise` is the other way
 * to get it (e.g. “写入工作表”). Never 已下载/已导出: the page cannot know whether the user saved the file.
 */
export function deliveredMessage(route: Exclude<FileRoute, 'none'>, what: string, name: string, otherwise: string): { title: string; text: string } {
  return route === 'browser'
    ? {
        title: `已在浏览器中打开${what}`,
        text: `${name}：请在打开的浏览器页面中点击“保存”。Mac 版 Excel 不能从加载项直接下载文件；如浏览器没有打开，请${otherwise}。`,
      }
    : {
        title: `已开始下载${what}`,
        text: `${name}：请在下载提示中确认保存位置。如没有出现下载提示，请${otherwise}。`,
      };
}
