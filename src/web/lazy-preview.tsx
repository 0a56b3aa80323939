/**
 * The sheet preview (tabs, the grid with the flagged cells coloured) shows only once a workbook is checked: an
 * async chunk ("preview"), requested as the check starts (preloadPreview) so it is there when the result is.
 */
import type { SheetPreview as SheetPreviewComponent } from './SheetPreview';
import { deferredComponent } from '../ui/lazy-results';

let loading: Promise<typeof SheetPreviewComponent> | null = null;

export function preloadPreview(): Promise<typeof SheetPreviewComponent> {
  loading ??= import(/* webpackChunkName: "preview" */ './SheetPreview').then(
    (m) => m.SheetPreview,
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

export const SheetPreview = deferredComponent('SheetPreview', preloadPreview);
