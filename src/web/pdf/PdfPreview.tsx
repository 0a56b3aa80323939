/**
 * The checked PDF shown page by page (the chunk "pdf-view", with ./open.ts): the page rendered by pdf.js on a canvas,
 * over it a box on each figure a finding names — the selected finding's boxes strong, with its number, the cells
 * it was computed from dashed, the other findings of the page lighter — and the page navigation. The boxes come
 * from src/pdf/locate.ts, the seam the CLI's JSON and the annotated PDF use: the three always agree.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Text, Tooltip, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular, ZoomInRegular, ZoomOutRegular } from '@fluentui/react-icons';
import type { Finding } from '../../model/finding';
import { locateFinding, type PdfBox } from '../../pdf/locate';
import type { PdfCellPosition, PdfRead } from '../../pdf/read';
import { SEVERITY_LABEL } from '../../format/labels';
import { sectionOf } from '../../format/view';
import type { PdfInfo } from '../engine/protocol';
import type { RenderableDoc } from './open';
import { previewFrame } from '../preview-frame';

const useStyles = makeStyles({
  root: previewFrame,
  bar: {
    flexShrink: 0,
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    padding: `4px ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    fontSize: tokens.fontSizeBase200,
  },
  pageNo: { minWidth: '96px', textAlign: 'center', fontVariantNumeric: 'tabular-nums' },
  spacer: { flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
  note: {
    flexShrink: 0,
    padding: `4px ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    maxHeight: '72px',
    overflowY: 'auto',
  },
  scanned: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  scroller: { flexGrow: 1, minHeight: 0, overflow: 'auto', backgroundColor: tokens.colorNeutralBackground4, padding: tokens.spacingHorizontalM },
  sheet: { position: 'relative', margin: '0 auto', boxShadow: tokens.shadow8, backgroundColor: '#fff' },
  canvas: { display: 'block' },
  overlay: { position: 'absolute', inset: 0 },
  box: {
    position: 'absolute',
    boxSizing: 'border-box',
    ...shorthands.borderWidth('1.5px'),
    ...shorthands.borderStyle('solid'),
    borderRadius: '2px',
    padding: 0,
    backgroundColor: 'transparent',
    cursor: 'pointer',
    opacity: 0.55,
    ':hover': { opacity: 0.9 },
  },
  selected: { opacity: 1, ...shorthands.borderWidth('2.5px'), zIndex: 2, ':hover': { opacity: 1 } },
  related: { opacity: 0.9, ...shorthands.borderStyle('dashed'), zIndex: 1 },
  tag: {
    position: 'absolute',
    right: '-2px',
    bottom: '100%',
    padding: '0 3px',
    borderRadius: '2px',
    color: '#fff',
    fontSize: '10px',
    lineHeight: '13px',
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    pointerEvents: 'none',
  },
  error: shorthands.borderColor('#d13438'),
  warning: shorthands.borderColor('#e89b00'),
  info: shorthands.borderColor('#0f6cbd'),
  relatedColor: shorthands.borderColor('#0f6cbd'),
  tagError: { backgroundColor: '#d13438' },
  tagWarning: { backgroundColor: '#e89b00' },
  failed: { padding: tokens.spacingHorizontalM, color: tokens.colorPaletteRedForeground1 },
});

/** What the preview is asked to show: a finding (index) or cells of a pseudo-sheet; `key` changes on each request. */
export interface PdfTarget {
  key: number;
  index: number | null;
  sheet: string;
  cells: string[];
}

export interface PdfPreviewProps {
  doc: RenderableDoc;
  info: PdfInfo;
  findings: Finding[];
  selected: number | null;
  target: PdfTarget | null;
  /** A box clicked: the finding it belongs to. */
  onSelect(index: number): void;
}

type Kind = 'error' | 'warning' | 'info';
const kindOf = (f: Finding): Kind => (sectionOf(f) === 'errors' ? 'error' : f.severity === 'info' ? 'info' : 'warning');

/** The page's plain data as the read locateFinding takes (only the cells' places are used). */
function readOf(info: PdfInfo): PdfRead {
  const sheets = new Map<string, { pages: number[]; cells: Map<string, PdfCellPosition> }>();
  for (const [name, s] of Object.entries(info.sheets)) sheets.set(name, { pages: s.pages, cells: new Map(Object.entries(s.cells)) });
  return { snapshot: { name: '', sheets: [] }, pageCount: info.pageCount, scannedPages: info.scannedPages, sheets };
}

const MIN_ZOOM = 0.3;
const MAX_ZOOM = 4;

export function PdfPreview({ doc, info, findings, selected, target, onSelect }: PdfPreviewProps) {
  const styles = useStyles();
  const read = useMemo(() => readOf(info), [info]);
  const places = useMemo(() => findings.map((f) => locateFinding(read, f)), [read, findings]);
  // first shown: the first page with a boxed figure (else page 1), again for each document opened
  const firstPage = () => {
    const boxed = places.reduce((first, p) => p.boxes.reduce((m, b) => Math.min(m, b.page), first), Infinity);
    return boxed <= info.pageCount ? boxed : 1;
  };
  const [page, setPage] = useState(firstPage);
  const [zoom, setZoom] = useState<number | null>(null); // null: fit the page's width
  // A new document resets page and zoom during this render (React's "adjusting state when a prop changes"),
  // so no effect ever draws the old page number of the new document.
  const [shownDoc, setShownDoc] = useState(doc);
  if (shownDoc !== doc) {
    setShownDoc(doc);
    setPage(firstPage());
    setZoom(null);
  }
  const [drawn, setDrawn] = useState<{ page: number; width: number; height: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [avail, setAvail] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  // The boxes asked for: a finding's own and related cells, or the cells of a sheet.
  const targetBoxes = useMemo((): { boxes: PdfBox[]; related: PdfBox[]; pages: number[] } => {
    if (!target) return { boxes: [], related: [], pages: [] };
    if (target.index !== null && places[target.index]) return places[target.index];
    return locateFinding(read, { sheet: target.sheet, cells: target.cells });
  }, [target, places, read]);

  useEffect(() => {
    if (!target) return;
    const p = targetBoxes.boxes[0]?.page ?? targetBoxes.pages[0];
    if (p) setPage(p);
    // the box is scrolled into view once the page is drawn (below)
  }, [target, targetBoxes]);

  // The width the page can take (fit to width), followed as the window changes.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setAvail(el.clientWidth - 2 * 16);
    measure();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

  const [pageSize, setPageSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    let live = true;
    void doc.getPage(page).then((p) => {
      const vp = p.getViewport({ scale: 1 });
      if (live) setPageSize({ width: vp.width, height: vp.height });
    });
    return () => {
      live = false;
    };
  }, [doc, page]);
  const scale = pageSize ? (zoom ?? Math.max(MIN_ZOOM, Math.min(2, avail > 0 ? avail / pageSize.width : 1))) : 1;

  // Draws the page (at the screen's pixel density); a newer draw cancels the one under way.
  useEffect(() => {
    if (!pageSize) return;
    let live = true;
    let task: { promise: Promise<void>; cancel(): void } | null = null;
    setFailed(null);
    void (async () => {
      try {
        const p = await doc.getPage(page);
        const el = canvas.current;
        if (!live || !el) return;
        const dpr = window.devicePixelRatio || 1;
        const vp = p.getViewport({ scale: scale * dpr });
        const css = p.getViewport({ scale });
        el.width = Math.round(vp.width);
        el.height = Math.round(vp.height);
        el.style.width = `${css.width}px`;
        el.style.height = `${css.height}px`;
        const ctx = el.getContext('2d');
        if (!ctx) throw new Error('浏览器不支持 canvas');
        task = p.render({ canvasContext: ctx, canvas: el, viewport: vp });
        await task.promise;
        if (live) setDrawn({ page, width: css.width, height: css.height });
      } catch (e) {
        if (live && (e as Error)?.name !== 'RenderingCancelledException') setFailed(`无法显示第${page}页：${(e as Error)?.message ?? String(e)}`);
      }
    })();
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, page, scale, pageSize]);

  const size = drawn?.page === page ? drawn : null;
  // The asked-for box in view once its page is drawn.
  useEffect(() => {
    if (!size || !target) return;
    const el = scroller.current?.querySelector<HTMLElement>('[data-testid="pdf-box"][data-selected="true"]');
    el?.scrollIntoView({ block: 'center', inline: 'center' });
  }, [size, target, page]);

  // Every finding's boxes on this page; the selected one's last (on top), and the cells it was computed from.
  const onPage = useMemo(() => {
    const out: { box: PdfBox; index: number; role: 'own' | 'selected' | 'related' }[] = [];
    places.forEach((pl, index) => {
      if (index === selected) return;
      for (const box of pl.boxes) if (box.page === page) out.push({ box, index, role: 'own' });
    });
    const sel = target && target.index === null ? targetBoxes : selected !== null ? places[selected] : null;
    if (sel) {
      for (const box of sel.related) if (box.page === page) out.push({ box, index: selected ?? -1, role: 'related' });
      for (const box of sel.boxes) if (box.page === page) out.push({ box, index: selected ?? -1, role: 'selected' });
    }
    return out;
  }, [places, selected, page, target, targetBoxes]);

  const pageFindings = useMemo(() => new Set(places.flatMap((pl, i) => (pl.pages.includes(page) ? [i] : []))), [places, page]);
  const scanned = info.scannedPages.includes(page);
  const sel = selected !== null ? findings[selected] : null;
  const selPlace = selected !== null ? places[selected] : null;
  const go = (p: number) => setPage(Math.max(1, Math.min(info.pageCount, p)));

  return (
    <section className={styles.root} aria-label="PDF 页面" data-testid="pdf-preview" data-page={page}>
      <div className={styles.bar} role="toolbar" aria-label="翻页">
        <Button size="small" icon={<ChevronLeftRegular />} disabled={page <= 1} onClick={() => go(page - 1)} data-testid="pdf-prev">
          上一页
        </Button>
        <Text className={styles.pageNo} data-testid="pdf-page-no">
          第 {page} / {info.pageCount} 页
        </Text>
        <Button size="small" icon={<ChevronRightRegular />} iconPosition="after" disabled={page >= info.pageCount} onClick={() => go(page + 1)} data-testid="pdf-next">
          下一页
        </Button>
        <Text className={styles.muted}>{pageFindings.size ? `本页 ${pageFindings.size} 条问题` : '本页没有问题'}</Text>
        <span className={styles.spacer} />
        <Tooltip content="缩小" relationship="label">
          <Button size="small" appearance="subtle" icon={<ZoomOutRegular />} disabled={scale <= MIN_ZOOM} onClick={() => setZoom(Math.max(MIN_ZOOM, scale / 1.25))} />
        </Tooltip>
        <Button size="small" appearance="subtle" onClick={() => setZoom(null)} title="按页宽显示">
          {Math.round(scale * 100)}%
        </Button>
        <Tooltip content="放大" relationship="label">
          <Button size="small" appearance="subtle" icon={<ZoomInRegular />} data-testid="pdf-zoom-in" disabled={scale >= MAX_ZOOM} onClick={() => setZoom(Math.min(MAX_ZOOM, scale * 1.25))} />
        </Tooltip>
      </div>
      {scanned && !(sel?.rule === 'INPUT.scanned_page' && sel.sheet === `第${page}页`) && (
        <div className={mergeClasses(styles.note, styles.scanned)} data-testid="pdf-scanned-note">
          第{page}页是扫描图片，没有文字层，其中的表格和数字未能读取；需要这些数字的校验已跳过。
        </div>
      )}
      {sel && selPlace && (
        <div className={styles.note} data-testid="pdf-selected-note">
          <Text weight="semibold">
            {selected! + 1}. [{SEVERITY_LABEL[sel.severity]}]
          </Text>{' '}
          {sel.message}
          {selPlace.boxes.length === 0 && <span className={styles.muted}>（这条问题没有对应的单元格位置{selPlace.pages.length ? `，涉及${selPlace.pages.map((p) => `第${p}页`).join('、')}` : ''}）</span>}
          {selPlace.boxes.length > 0 && !selPlace.boxes.some((b) => b.page === page) && (
            <span className={styles.muted}>（在{[...new Set(selPlace.boxes.map((b) => `第${b.page}页`))].join('、')}）</span>
          )}
        </div>
      )}
      {failed && <div className={styles.failed}>{failed}</div>}
      <div className={styles.scroller} ref={scroller}>
        <div className={styles.sheet} style={drawn ? { width: drawn.width, height: drawn.height } : undefined} data-testid="pdf-page" data-scale={scale}>
          <canvas ref={canvas} className={styles.canvas} data-testid="pdf-canvas" data-rendered={size ? 'true' : 'false'} aria-label={`第${page}页`} />
          {size && (
            <div className={styles.overlay}>
              {onPage.map(({ box, index, role }, k) => {
                const f = index >= 0 ? findings[index] : null;
                const kind = f ? kindOf(f) : 'info';
                const color = role === 'related' ? styles.relatedColor : styles[kind];
                return (
                  <button
                    key={`${role}-${index}-${box.cell}-${k}`}
                    type="button"
                    className={mergeClasses(styles.box, color, role === 'selected' && styles.selected, role === 'related' && styles.related)}
                    style={{ left: box.x * scale - 2, top: box.y * scale - 2, width: box.width * scale + 4, height: box.height * scale + 4 }}
                    title={f ? `${index + 1}. ${f.message}` : box.cell}
                    aria-label={f ? `问题 ${index + 1}：${f.message}` : box.cell}
                    data-testid="pdf-box"
                    data-finding={index}
                    data-selected={role === 'selected' ? 'true' : 'false'}
                    data-role={role}
                    data-cell={box.cell}
                    onClick={() => index >= 0 && onSelect(index)}
                  >
                    {role === 'selected' && index >= 0 && <span className={mergeClasses(styles.tag, kind === 'error' ? styles.tagError : styles.tagWarning)}>{index + 1}</span>}
                  </button>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
