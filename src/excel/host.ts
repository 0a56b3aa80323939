/** The host interface lives in src/format/host.ts (shared by the Office.js and the WPS adapters); re-exported here. */
export type { AnnotateResult, WorkbookHost } from '../format/host';
