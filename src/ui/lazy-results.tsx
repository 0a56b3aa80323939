/**
 * The parts of a pane that only show a check's result — the summary tiles, the grouped findings list, the
 * auto-fill preview and the 导出校验报告 menu — with the Fluent components only they use (Accordion, TabList,
 * Badge, Menu, Radio, Checkbox, Link …). They load as one async chunk ("results"), so the pane and the web page
 * start without them; preloadResults() is called as a check starts, so the chunk arrives while the engine runs
 * and the result appears at once. Each wrapper has its own Suspense boundary: the callers render them as before.
 */
import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import type { AutoFillPreview as AutoFillPreviewComponent, AutoFillPreviewProps } from './AutoFillPreview';
import type { FindingsList as FindingsListComponent, FindingsListProps } from './FindingsList';
import type { SummaryTiles as SummaryTilesComponent, SummaryTilesProps } from './SummaryTiles';
import type { ExportMenu as ExportMenuComponent, ExportMenuProps } from './pane/ExportMenu';

type ResultsModule = {
  AutoFillPreview: typeof AutoFillPreviewComponent;
  FindingsList: typeof FindingsListComponent;
  SummaryTiles: typeof SummaryTilesComponent;
  ExportMenu: typeof ExportMenuComponent;
};

/** `load` called at most once while it succeeds or is under way; after a failure the next call tries again. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    }));
}

/** Starts loading the result components (once); the promise of the module. */
export const preloadResults: () => Promise<ResultsModule> = loadOnce(() => import(/* webpackChunkName: "results" */ './results-chunk'));

/**
 * A component loaded on first render (or earlier, by whoever calls `load` first) behind its own Suspense boundary,
 * with the same props as the loaded one; `fallback` is what shows while it loads (nothing, by default).
 */
export function deferredComponent<P extends object>(name: string, load: () => Promise<ComponentType<P>>, fallback: (props: P) => ReactNode = () => null) {
  const Inner = lazy(() => load().then((c) => ({ default: c }))) as unknown as ComponentType<P>;
  function Deferred(props: P) {
    return (
      <Suspense fallback={fallback(props)}>
        <Inner {...props} />
      </Suspense>
    );
  }
  Deferred.displayName = `Deferred(${name})`;
  return Deferred;
}

function deferred<P extends object>(name: string, pick: (m: ResultsModule) => ComponentType<P>, fallback?: (props: P) => ReactNode) {
  return deferredComponent(name, () => preloadResults().then(pick), fallback);
}

export const SummaryTiles = deferred<SummaryTilesProps>('SummaryTiles', (m) => m.SummaryTiles);
export const FindingsList = deferred<FindingsListProps>('FindingsList', (m) => m.FindingsList);
export const AutoFillPreview = deferred<AutoFillPreviewProps>('AutoFillPreview', (m) => m.AutoFillPreview);
/** While the menu loads: the same button, disabled (it only opens once there is a result anyway). */
export const ExportMenu = deferred<ExportMenuProps>('ExportMenu', (m) => m.ExportMenu, (props) => props.placeholder);
