/**
 * The 下载 buttons and the 核对用的其他文件 picker show only once a workbook is checked: they are in the sheet
 * preview's async chunk ("preview", the same chunk name merges them into it), requested with it as the check
 * starts (preloadPreview, src/web/lazy-preview.tsx), so the page's first load carries neither (issue 13).
 */
import type { DownloadBarProps } from './DownloadBar';
import type { SideFilesPickerProps } from '../ui/SideFilesPicker';
import { deferredComponent, loadOnce } from '../ui/lazy-results';

const load = loadOnce(() => import(/* webpackChunkName: "preview" */ './bars-chunk'));

export const DownloadBar = deferredComponent<DownloadBarProps>('DownloadBar', () => load().then((m) => m.DownloadBar));
export const SideFilesPicker = deferredComponent<SideFilesPickerProps>('SideFilesPicker', () => load().then((m) => m.SideFilesPicker));
