/** The page's components shown only with a result, beside the sheet preview in its chunk (src/web/lazy-bars.tsx). */
export { DownloadBar } from './DownloadBar';
export { SideFilesPicker } from '../ui/SideFilesPicker';
