/** Webpack entry of taskpane.html (Excel loads it): see start.tsx. */
import { startTaskPane } from './start';

void startTaskPane();
