/**
 * The web page: open or drop an .xlsx, the engine runs in the page in small steps (with progress), then the
 * task pane's own components show the result (summary per table, findings grouped with the severity filter,
 * the auto-fill preview) beside a read-only preview of the sheets where the flagged cells are coloured.
 * Downloads: 带标注的工作簿, 自动填充后的工作簿, 情况说明 (.docx / .md), 校验报告 (HTML / CSV).
 * A published disclosure PDF is read with pdf.js in the page (a chunk loaded with the first PDF) and checked
 * the CLI's way; its pages are shown with the flagged figures boxed (src/web/pdf), and the download is the
 * annotated PDF (docs/pdf.md).
 * The file never leaves the browser.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Button, Field, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FolderOpenRegular } from '@fluentui/react-icons';
import { a1 } from '../model/address';
import type { WorkbookSnapshot } from '../model/snapshot';
import type { CellFix, Finding } from '../model/finding';
import type { AutoFillMode } from '../ui/AutoFillPreview';
// The result's components are async chunks, requested as a check starts (src/ui/lazy-results.tsx).
import { AutoFillPreview, FindingsList, SummaryTiles, preloadResults } from '../ui/lazy-results';
import { StatusMessage, type StatusMessageData } from '../ui/StatusMessage';
import type { SideKind } from '../ui/SideFilesPicker';
import { countSeverities, relatedCells } from '../format/findings-view-model';
import { groupOf } from '../format/groups';
import { SECTIONS_OPEN, SECTION_ORDER, sectionOf } from '../format/sections';
import { errorText, type SeverityFilter } from '../format/labels';
import type { CheckProgress } from '../engine';
import { nextTurn } from '../model/turn';
import { WORKBOOK_ACCEPT, WORKBOOK_FILE_RE } from '../xlsx/accept';
import { isUnreadableWorkbookError } from '../xlsx/errors';
import type { DownloadKind } from './DownloadBar';
// Shown only with a result: in the preview's chunk (src/web/lazy-bars.tsx).
import { DownloadBar, SideFilesPicker } from './lazy-bars';
import { DOCX_MIME, PDF_MIME, XLSX_MIME, annotatedName, annotatedPdfName, filledName, narrativeName, reportDownload, saveFile } from './downloads';
import { DropZone } from './DropZone';
import { createEngine } from './engine/client';
import type { Engine } from './engine/protocol';
import { findingMarks, normalise, position } from './grid-model';
import type { GridSelection } from './SheetGrid';
import { SheetPreview, preloadPreview } from './lazy-preview';
import { PDF_ACCEPT, PDF_FILE_RE, isPdf } from '../pdf/is-pdf';
import type { OpenResult, PdfInfo } from './engine/protocol';
import { PdfPreview, loadPdfChunk, type PdfTarget, type RenderableDoc } from './lazy-pdf';

declare global {
  interface Window {
    /** Where the engine runs ('worker' or 'page'), for the e2e tests. */
    __budgetWebEngine?: string;
    /** The findings shown (in the engine's order), for the e2e tests. */
    __budgetWebFindings?: Finding[];
  }
}

const NARROW = '(max-width: 899px)';

const useStyles = makeStyles({
  app: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    [`@media ${NARROW}`]: { height: 'auto', minHeight: '100vh' },
  },
  bar: {
    flexShrink: 0,
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  edition: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginLeft: '6px', fontWeight: tokens.fontWeightRegular },
  file: { flexGrow: 1, minWidth: 0, color: tokens.colorNeutralForeground2, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  notices: {
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`,
    ':empty': { display: 'none' },
  },
  progress: { maxWidth: '640px', width: '100%' },
  loadingCard: {
    margin: 'auto',
    width: 'min(560px, 100%)',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusXLarge,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  body: {
    flexGrow: 1,
    minHeight: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(340px, 420px) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    [`@media ${NARROW}`]: {
      display: 'flex',
      flexDirection: 'column',
      rowGap: tokens.spacingVerticalM,
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    },
  },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    minHeight: 0,
    minWidth: 0,
    overflowY: 'auto',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    [`@media ${NARROW}`]: { overflowY: 'visible', padding: tokens.spacingHorizontalS },
  },
  preview: {
    minHeight: 0,
    minWidth: 0,
    [`@media ${NARROW}`]: { height: '75vh', minHeight: '360px' },
  },
  start: { flexGrow: 1, display: 'flex', padding: tokens.spacingHorizontalL, [`@media ${NARROW}`]: { padding: tokens.spacingHorizontalS } },
  overlay: {
    position: 'fixed',
    inset: 0,
    zIndex: 1000,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: 'rgba(15, 108, 189, 0.12)',
    border: `3px dashed ${tokens.colorBrandStroke1}`,
    fontSize: tokens.fontSizeBase500,
    color: tokens.colorBrandForeground1,
    pointerEvents: 'none',
  },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  fileInput: { display: 'none' },
});

interface Loaded {
  fileName: string;
  snapshot: WorkbookSnapshot;
  findings: Finding[];
  present: Set<string>;
  checkedAt: Date;
  /** A PDF: where its cells are, and the pdf.js document the preview renders. */
  pdf?: { info: PdfInfo; doc: RenderableDoc };
}

interface FillState {
  mode: AutoFillMode;
  busy: boolean;
  fixes: CellFix[];
  skipped: { fix: CellFix; reason: string }[];
}

interface Focus {
  sheet: string;
  cell: GridSelection | null;
  related: { sheet: string; cells: string[] }[];
}

function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(NARROW).matches;
}


export function WebApp() {
  const styles = useStyles();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState<null | 'load' | DownloadKind | 'fill'>(null);
  const [progress, setProgress] = useState<CheckProgress | null>(null);
  const [loadingName, setLoadingName] = useState('');
  const [message, setMessage] = useState<StatusMessageData | null>(null);
  const [filter, setFilter] = useState<SeverityFilter>('all');
  const [openGroups, setOpenGroups] = useState<string[]>([]);
  const [groupFilter, setGroupFilter] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [pdfTarget, setPdfTarget] = useState<PdfTarget | null>(null);
  const pdfDoc = useRef<RenderableDoc | null>(null);
  const [revealKey, setRevealKey] = useState(0);
  const [fill, setFill] = useState<FillState | null>(null);
  const [dragging, setDragging] = useState(false);
  const [announce, setAnnounce] = useState('');
  // The files beside the workbook (情况说明.docx, 上年公开文件): names in use, and the one being read.
  const [side, setSide] = useState<{ narrative?: string; previous?: string }>({});
  const [sideBusy, setSideBusy] = useState<SideKind | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const loadRun = useRef(0);
  const fillRun = useRef(0);
  const dragDepth = useRef(0);
  const engineRef = useRef<Promise<Engine> | null>(null);

  /** The engine (a worker, started with the page so it is ready when a file comes), renewed if it died. */
  const engine = useCallback(async (): Promise<Engine> => {
    let e = engineRef.current ? await engineRef.current : null;
    if (!e || e.broken) {
      engineRef.current = createEngine();
      e = await engineRef.current;
    }
    window.__budgetWebEngine = e.kind;
    return e;
  }, []);
  useEffect(() => {
    void engine();
  }, [engine]);

  const openFile = useCallback(async (file: File) => {
    const run = ++loadRun.current;
    setBusy('load');
    void Promise.all([preloadResults(), preloadPreview()]).catch(() => undefined); // a failure shows as they render
    setMessage(null);
    setFill(null);
    setLoadingName(file.name);
    setProgress({ fraction: 0, label: `正在读取 ${file.name}…` });
    try {
      await nextTurn();
      const bytes = await file.arrayBuffer();
      const eng = await engine();
      let result: OpenResult;
      let pdf: Loaded['pdf'];
      if (isPdf(new Uint8Array(bytes, 0, Math.min(1024, bytes.byteLength)))) {
        // pdf.js reads the text here (its own worker parses), the engine runs the CLI's reader and check on it
        const m = await loadPdfChunk();
        const opened = await m.openPdf(new Uint8Array(bytes), file.name, (n, total) => {
          if (run === loadRun.current) setProgress({ fraction: (0.8 * n) / total, label: `正在读取 ${file.name}：第 ${n} / ${total} 页…` });
        });
        if (run !== loadRun.current) {
          void opened.doc.destroy();
          return;
        }
        try {
          result = await eng.openPdf(bytes, opened.pages, file.name, (p) => run === loadRun.current && setProgress(p));
        } catch (e) {
          void opened.doc.destroy();
          throw e;
        }
        pdf = { info: result.pdf!, doc: opened.doc };
      } else result = await eng.open(bytes, file.name, (p) => run === loadRun.current && setProgress(p));
      if (run !== loadRun.current) {
        // another file was dropped meanwhile: this PDF's document (the whole file, in pdf.js's worker) is not shown
        void pdf?.doc.destroy();
        return;
      }
      const { snapshot, findings } = result;
      window.__budgetWebFindings = findings;
      void pdfDoc.current?.destroy();
      pdfDoc.current = pdf?.doc ?? null;
      setPdfTarget(null);
      setLoaded({ fileName: file.name, snapshot, findings, present: new Set(result.present), checkedAt: new Date(), ...(pdf ? { pdf } : {}) });
      setSide({});
      setFilter('all');
      setSelected(null);
      setGroupFilter(null);
      setOpenGroups([...SECTIONS_OPEN]);
      setFocus({ sheet: snapshot.sheets.find((s) => !s.hidden)?.name ?? snapshot.sheets[0]?.name ?? '', cell: null, related: [] });
      const c = countSeverities(findings);
      setAnnounce(`${file.name} 校验完成：共 ${findings.length} 条，错误 ${c.error} 条，提示 ${c.warning} 条，信息 ${c.info} 条`);
      document.title = `${file.name} - 预算公开校验助手`;
    } catch (e) {
      if (run !== loadRun.current) return;
      setLoaded(null);
      setFocus(null);
      document.title = '预算公开校验助手（网页版）';
      if (isUnreadableWorkbookError(e)) {
        // Damaged or renamed files: the way out clerks know (the messages for .xls and passwords say it already).
        const hint = /另存为|密码/.test(e.message) ? '' : '如果文件能在 Excel 或 WPS 中打开，请另存为新的 .xlsx 文件后再试。';
        setMessage({ intent: 'error', title: `无法打开“${file.name}”`, text: `${e.message}${hint ? `。${hint}` : ''}` });
      } else {
        console.error(e);
        setMessage({
          intent: 'error',
          title: `校验“${file.name}”时出错`,
          text: errorText('校验引擎遇到意外错误，请将此工作簿反馈给开发人员', e),
        });
      }
    } finally {
      if (run === loadRun.current) {
        setBusy(null);
        setProgress(null);
      }
    }
  }, [engine]);

  /** A side file chosen (or removed: file null): the workbook is checked again with it. */
  const chooseSide = useCallback(
    async (kind: SideKind, file: File | null) => {
      if (!loaded) return;
      const run = loadRun.current;
      setSideBusy(kind);
      setMessage(null);
      try {
        const bytes = file ? await file.arrayBuffer() : null;
        const r = await (await engine()).side({ [kind]: file && bytes ? { bytes, name: file.name } : null }, (p) => run === loadRun.current && setProgress(p));
        if (run !== loadRun.current) return;
        setLoaded((l) => (l ? { ...l, findings: r.findings, present: new Set(r.present), checkedAt: new Date() } : l));
        window.__budgetWebFindings = r.findings;
        setSide({ narrative: r.narrative, previous: r.previous });
        setFill(null);
        setSelected(null);
        setOpenGroups([...SECTIONS_OPEN]);
        const c = countSeverities(r.findings);
        const what = kind === 'narrative' ? '情况说明' : '上年公开文件';
        const text = file
          ? `已用“${file.name}”重新校验：共 ${r.findings.length} 条，错误 ${c.error} 条，提示 ${c.warning} 条。${kind === 'narrative' ? '情况说明的问题按“段落N”定位。' : '比上年数字按两年表格核对，生成的情况说明自动计算比上年数字。'}`
          : `已移除${what}，重新校验：共 ${r.findings.length} 条。`;
        setMessage({ intent: 'success', title: file ? `已加入${what}` : `已移除${what}`, text });
        setAnnounce(text);
      } catch (e) {
        if (run !== loadRun.current) return;
        const readable = isUnreadableWorkbookError(e) || (e as Error)?.name === 'UnreadableDocumentError';
        setMessage({
          intent: 'error',
          title: `无法使用“${file?.name ?? ''}”`,
          text: readable ? (e as Error).message : errorText('校验引擎遇到意外错误，请将此文件反馈给开发人员', e),
        });
      } finally {
        if (run === loadRun.current) {
          setSideBusy(null);
          setProgress(null);
        }
      }
    },
    [loaded, engine],
  );

  const openFiles = useCallback(
    (files: FileList | null | undefined) => {
      if (!files || files.length === 0) return;
      const list = Array.from(files);
      // A 情况说明.docx dropped beside the workbook (or onto an open one) is checked with it.
      const docx = list.find((f) => /\.docx?$/i.test(f.name));
      const books = list.filter((f) => f !== docx);
      if (!books.length && docx) {
        if (loaded) void chooseSide('narrative', docx);
        else setMessage({ intent: 'info', title: '请先打开工作簿', text: `“${docx.name}”是情况说明文件：请先打开预算公开工作簿，再选择情况说明文件（或把两个文件一起拖入）。` });
        return;
      }
      const file = books.find((f) => WORKBOOK_FILE_RE.test(f.name) || PDF_FILE_RE.test(f.name)) ?? books[0];
      void openFile(file).then(() => {
        if (docx) pendingDocx.current = docx;
        if (books.length > 1) {
          setMessage((m) => m ?? { intent: 'info', title: '一次校验一个文件', text: `已打开“${file.name}”，其余 ${books.length - 1} 个文件未打开。` });
        }
      });
    },
    [openFile, loaded, chooseSide],
  );
  // The .docx dropped with the workbook: used once the workbook is open.
  const pendingDocx = useRef<File | null>(null);
  useEffect(() => {
    const docx = pendingDocx.current;
    if (!loaded || !docx) return;
    pendingDocx.current = null;
    void chooseSide('narrative', docx);
  }, [loaded, chooseSide]);

  // Dropping anywhere on the page opens the file (and never lets the browser navigate away to it).
  const onDragEnter = useCallback((e: DragEvent) => {
    if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) return;
    e.preventDefault();
    dragDepth.current++;
    setDragging(true);
  }, []);
  const onDragOver = useCallback((e: DragEvent) => {
    if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDragLeave = useCallback(() => {
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      if (busy === 'load') return;
      openFiles(e.dataTransfer?.files);
    },
    [busy, openFiles],
  );
  useEffect(() => {
    // Outside React's tree (margins, the overlay): still no navigation to the dropped file.
    const stop = (e: Event) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const findings = useMemo(() => loaded?.findings ?? [], [loaded]);
  const marks = useMemo(() => findingMarks(findings), [findings]);

  const showCells = useCallback(
    (sheet: string, cell: string | undefined, related: { sheet: string; cells: string[] }[]) => {
      if (!loaded?.snapshot.sheets.some((s) => s.name === sheet)) return;
      const pos = cell ? position(cell) : undefined;
      setFocus({ sheet, cell: pos ?? null, related });
      setRevealKey((k) => k + 1);
      if (isNarrow()) {
        requestAnimationFrame(() => {
          const el = previewRef.current;
          if (!el) return;
          const r = el.getBoundingClientRect();
          if (r.top < 0 || r.top > window.innerHeight * 0.5) el.scrollIntoView({ block: 'start' });
        });
      }
    },
    [loaded],
  );

  /** A PDF: its page preview is asked to show a finding's boxes, or some cells of a pseudo-sheet. */
  const showPdf = useCallback((index: number | null, sheet: string, cells: string[]) => {
    setPdfTarget((t) => ({ key: (t?.key ?? 0) + 1, index, sheet, cells }));
    if (isNarrow()) requestAnimationFrame(() => previewRef.current?.scrollIntoView({ block: 'start' }));
  }, []);

  const activate = useCallback(
    (f: Finding, index: number) => {
      setSelected(index);
      if (loaded?.pdf) showPdf(index, f.sheet, f.cells);
      else if (f.sheet) showCells(f.sheet, f.cells[0], relatedCells(f));
    },
    [showCells, showPdf, loaded],
  );

  const selectCells = useCallback(
    (sheet: string, cells: string[]) => (loaded?.pdf ? showPdf(null, sheet, cells) : showCells(sheet, cells[0], [{ sheet, cells }])),
    [showCells, showPdf, loaded],
  );

  /** A box clicked on the PDF page: its finding selected in the list. */
  const selectPdfFinding = useCallback(
    (index: number) => {
      const f = findings[index];
      if (!f) return;
      setSelected(index);
      const section = sectionOf(f);
      setOpenGroups((g) => (g.includes(section) ? g : [...g, section]));
      if (filter !== 'all' && filter !== f.severity) setFilter('all');
      if (groupFilter && groupFilter !== groupOf(f)) setGroupFilter(null);
      if (!isNarrow()) {
        requestAnimationFrame(() => document.querySelector(`[data-testid="finding"][data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' }));
      }
    },
    [findings, filter, groupFilter],
  );

  /** A cell clicked in the grid: select it, and the first finding stated there (if any) in the list. */
  const selectGridCell = useCallback(
    (sel: GridSelection) => {
      if (!focus) return;
      const key = a1(sel.row, sel.col);
      const mark = marks.get(focus.sheet)?.get(key);
      if (mark) {
        const index = mark.findings[0];
        const f = findings[index];
        setSelected(index);
        setFocus({ sheet: focus.sheet, cell: sel, related: relatedCells(f) });
        const section = sectionOf(f);
        setOpenGroups((g) => (g.includes(section) ? g : [...g, section]));
        if (filter !== 'all' && filter !== f.severity) setFilter('all');
        if (groupFilter && groupFilter !== groupOf(f)) setGroupFilter(null);
        if (!isNarrow()) {
          requestAnimationFrame(() =>
            document.querySelector(`[data-testid="finding"][data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' }),
          );
        }
      } else {
        setFocus({ ...focus, cell: sel });
      }
    },
    [focus, marks, findings, filter, groupFilter],
  );

  const related = useMemo(() => {
    const out = new Map<string, Set<string>>();
    for (const r of focus?.related ?? []) {
      const set = out.get(r.sheet) ?? new Set<string>();
      for (const c of r.cells) set.add(normalise(c));
      out.set(r.sheet, set);
    }
    return out;
  }, [focus]);

  const fixMap = useMemo(() => {
    if (!fill || fill.busy) return undefined;
    const out = new Map<string, Map<string, string>>();
    for (const f of fill.fixes) {
      const m = out.get(f.sheet) ?? new Map<string, string>();
      m.set(normalise(f.cell), f.value);
      out.set(f.sheet, m);
    }
    return out;
  }, [fill]);

  const computeFill = useCallback(
    async (mode: AutoFillMode) => {
      const run = ++fillRun.current;
      setFill({ mode, busy: true, fixes: [], skipped: [] });
      try {
        await nextTurn();
        const preview = await (await engine()).autoFill(mode);
        if (run !== fillRun.current) return;
        setFill({ mode, busy: false, fixes: preview.fixes, skipped: preview.skipped });
      } catch (e) {
        if (run !== fillRun.current) return;
        setFill(null);
        setMessage({ intent: 'error', title: '自动填充出错', text: errorText('无法计算合计', e) });
      }
    },
    [engine],
  );

  const confirmFill = useCallback(async () => {
    if (!loaded || !fill || fill.busy || !fill.fixes.length) return;
    const { fixes } = fill;
    setBusy('fill');
    try {
      const r = await (await engine()).filled();
      const name = filledName(loaded.fileName);
      saveFile({ name, data: r.bytes, mime: XLSX_MIME });
      fillRun.current++;
      setFill(null);
      setMessage({
        intent: 'success',
        title: '已下载自动填充后的工作簿',
        text: `${name}：填入 ${fixes.length} 个单元格（蓝色底纹），填充后仍有 ${r.remaining} 条问题已标记。原文件未改动。`,
      });
    } catch (e) {
      setMessage({ intent: 'error', title: '生成自动填充后的工作簿失败', text: errorText('无法写出工作簿', e) });
    } finally {
      setBusy(null);
    }
  }, [loaded, fill, engine]);

  const download = useCallback(
    async (kind: DownloadKind) => {
      if (!loaded) return;
      if (kind === 'autofill') {
        setMessage(null);
        void computeFill('blank');
        requestAnimationFrame(() => document.getElementById('autofill-heading')?.focus());
        return;
      }
      setBusy(kind);
      setMessage(null);
      try {
        await nextTurn();
        if (kind === 'annotated' && loaded.pdf) {
          const bytes = await (await engine()).annotated();
          const name = annotatedPdfName(loaded.fileName);
          saveFile({ name, data: bytes, mime: PDF_MIME });
          setMessage({
            intent: 'success',
            title: '已下载带标注的 PDF',
            text: `${name}：原页面上用方框和编号标出能定位到的问题数字（错误红框，提示橙框），末尾附全部 ${loaded.findings.length} 条校验结果。原文件未改动。`,
          });
        } else if (kind === 'annotated') {
          const bytes = await (await engine()).annotated();
          const name = annotatedName(loaded.fileName);
          saveFile({ name, data: bytes, mime: XLSX_MIME });
          const cells = new Set(loaded.findings.filter((f) => f.sheet && f.cells.length).map((f) => `${f.sheet}!${f.cells[0]}`)).size;
          setMessage({
            intent: 'success',
            title: '已下载带标注的工作簿',
            text: `${name}：标记 ${cells} 个单元格（错误红色、提示黄色、信息蓝色，附批注），并添加“校验结果”工作表。原文件未改动。`,
          });
        } else if (kind === 'docx' || kind === 'md') {
          const n = await (await engine()).narrative();
          const name = narrativeName(loaded.fileName, kind);
          saveFile(kind === 'docx' ? { name, data: n.docx, mime: DOCX_MIME } : { name, data: n.markdown, mime: 'text/markdown;charset=utf-8' });
          const todo = n.notes.length ? `有 ${n.notes.length} 处信息表格中没有，已在文中以“【请填写：…】”标出，请补充。` : '';
          setMessage({ intent: 'success', title: '已生成情况说明', text: `${name}。${todo}` });
        } else {
          const file = await reportDownload(kind, loaded.findings, { workbook: loaded.fileName, checkedAt: loaded.checkedAt });
          saveFile(file);
          setMessage({ intent: 'success', title: '已下载校验报告', text: file.name });
        }
      } catch (e) {
        console.error(e);
        setMessage({ intent: 'error', title: '下载失败', text: errorText('无法生成文件', e) });
      } finally {
        setBusy(null);
      }
    },
    [loaded, computeFill, engine],
  );

  /** A summary tile: the list shows only that table's findings, every section open. */
  const showGroup = useCallback((id: string) => {
    setFilter('all');
    setGroupFilter(id);
    setOpenGroups([...SECTION_ORDER]);
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>('[data-testid="group-filter"]')?.scrollIntoView({ block: 'start' });
      document.querySelector<HTMLButtonElement>('[data-testid="findings"] [data-testid="finding-button"]')?.focus();
    });
  }, []);

  const chooseFile = () => fileInput.current?.click();
  const loading = busy === 'load';
  const progressBar = (
    <Field className={styles.progress} validationMessage={progress?.label ?? `正在读取 ${loadingName}…`} validationState="none">
      <ProgressBar value={progress && progress.fraction > 0 ? progress.fraction : undefined} thickness="large" aria-label="校验进度" data-testid="progress" />
    </Field>
  );

  return (
    <div
      className={styles.app}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid="web-app"
    >
      <header className={styles.bar}>
        <h1 className={styles.title}>
          预算公开校验助手<span className={styles.edition}>网页版</span>
        </h1>
        <Text className={styles.file} title={loaded?.fileName} data-testid="workbook-name">
          {loaded?.fileName ?? ''}
        </Text>
        <Button appearance={loaded ? 'secondary' : 'primary'} icon={<FolderOpenRegular />} onClick={chooseFile} disabled={loading} data-testid="open-button">
          {loaded ? '打开其他文件' : '打开工作簿或 PDF'}
        </Button>
        <input
          ref={fileInput}
          className={styles.fileInput}
          type="file"
          accept={`${WORKBOOK_ACCEPT},${PDF_ACCEPT}`}
          aria-label="选择工作簿（.xlsx、.xls、.et、.ods）或公开的 PDF 文件"
          data-testid="file-input"
          onChange={(e) => {
            openFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </header>
      <div className={styles.srOnly} aria-live="polite" role="status">
        {announce}
      </div>
      <div className={styles.notices}>
        {message && <StatusMessage message={message} onDismiss={() => setMessage(null)} />}
        {loading && loaded && progressBar}
      </div>
      {loading && !loaded && (
        <div className={styles.start}>
          <div className={styles.loadingCard} data-testid="loading">
            <Text weight="semibold" size={400}>
              正在校验“{loadingName}”
            </Text>
            {progressBar}
            <Text size={200} className={styles.muted}>
              文件只在本机浏览器中处理，不会上传。大型工作簿可能需要几秒到几十秒。
            </Text>
          </div>
        </div>
      )}
      {!loaded && !loading && (
        <div className={styles.start}>
          <DropZone onChoose={chooseFile} />
        </div>
      )}
      {loaded && focus && (
        <div className={styles.body} aria-busy={loading}>
          <aside className={styles.panel} aria-label="校验结果" data-testid="results-panel">
            <SummaryTiles findings={findings} present={loaded.present} onShowGroup={showGroup} active={groupFilter} />
            <DownloadBar pdf={!!loaded.pdf} busy={busy} disabled={loading || busy !== null || !!fill || sideBusy !== null} onDownload={(k) => void download(k)} />
            <SideFilesPicker
              narrative={side.narrative}
              previous={side.previous}
              busy={sideBusy}
              disabled={loading || busy !== null || sideBusy !== null}
              onChoose={(kind, f) => void chooseSide(kind, f)}
              onRemove={(kind) => void chooseSide(kind, null)}
            />
            {fill && (
              <AutoFillPreview
                mode={fill.mode}
                onModeChange={(mode) => void computeFill(mode)}
                fixes={fill.fixes}
                skipped={fill.skipped}
                busy={fill.busy || busy === 'fill'}
                onConfirm={() => void confirmFill()}
                onCancel={() => {
                  fillRun.current++;
                  setFill(null);
                }}
              />
            )}
            <FindingsList
              findings={findings}
              filter={filter}
              onFilterChange={setFilter}
              openGroups={openGroups}
              onOpenGroupsChange={setOpenGroups}
              groupFilter={groupFilter}
              onGroupFilterChange={setGroupFilter}
              selectedIndex={selected}
              onActivate={activate}
              onSelectCells={selectCells}
            />
          </aside>
          <div className={styles.preview} ref={previewRef}>
            {loaded.pdf ? (
              <PdfPreview doc={loaded.pdf.doc} info={loaded.pdf.info} findings={findings} selected={selected} target={pdfTarget} onSelect={selectPdfFinding} />
            ) : (
            <SheetPreview
              workbook={loaded.snapshot}
              findings={findings}
              marks={marks}
              activeSheet={focus.sheet}
              onSheetChange={(sheet) => setFocus({ sheet, cell: null, related: focus.related })}
              selected={focus.cell}
              onSelect={selectGridCell}
              related={related}
              fixes={fixMap}
              revealKey={revealKey}
            />
            )}
          </div>
        </div>
      )}
      {dragging && (
        <div className={styles.overlay} aria-hidden>
          松开鼠标，打开此文件
        </div>
      )}
    </div>
  );
}

