/**
 * The sheet preview (tabs, the grid with the flagged cells coloured) shows only once a workbook is checked: an
 * async chunk ("preview"), requested as the check starts (preloadPreview) so it is there when the result is.
 */
import type { SheetPreview as SheetPreviewComponent } from './SheetPreview';
import { deferredComponent, loadOnce } from '../ui/lazy-results';

export const preloadPreview: () => Promise<typeof SheetPreviewComponent> = loadOnce(() =>
  import(/* webpackChunkName: "preview" */ './SheetPreview').then((m) => m.SheetPreview),
);

export const SheetPreview = deferredComponent('SheetPreview', preloadPreview);
