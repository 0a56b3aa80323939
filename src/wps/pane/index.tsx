/** Webpack entry of the WPS 加载项's taskpane.html: see start.tsx. */
import { startWpsPane } from './start';

startWpsPane();
