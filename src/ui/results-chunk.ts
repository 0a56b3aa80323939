/** The one async chunk of result components (src/ui/lazy-results.tsx loads it). */
export { AutoFillPreview } from './AutoFillPreview';
export { FindingsList } from './FindingsList';
export { SummaryTiles } from './SummaryTiles';
export { ExportMenu } from './pane/ExportMenu';
