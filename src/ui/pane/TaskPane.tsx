/**
 * The task pane: 校验 → summary and findings; 自动填充合计 with a preview; 标记/清除标记; 导出校验报告.
 * Talks to the workbook only through WorkbookHost (Office.js in Excel, the simulator in tests, a file on the
 * web page), so it holds no Office code itself.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AnnotateResult, WorkbookHost } from '../../format/host';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { CellFix, Finding } from '../../model/finding';
import type { Recognised } from '../../tables/recognised';
import { countSeverities } from '../../format/findings-view-model';
import { SECTIONS_OPEN, SECTION_ORDER } from '../../format/sections';
import { errorText, type SeverityFilter } from '../../format/labels';
import { REPORT_HEADERS, buildCsv, buildHtml, formatDateTime, reportFileName, reportRows, type ReportMeta } from '../../format/report';
import { browserDelivery, deliveredMessage, type FileDelivery, type FileRoute } from '../delivery';
import { autoFill, checkInSteps, type CheckOptions, type CheckProgress, type CheckResult } from '../../engine';
import { SideFilesPicker, type SideKind } from '../SideFilesPicker';
import { readNarrativeFile, readPreviousFile } from '../side-files';
import { nextTurn } from '../../model/turn';
import { ActionBar, type ReportKind } from './ActionBar';
import type { AutoFillMode } from '../AutoFillPreview';
import { CheckButton } from './CheckButton';
// Shown only after a check: an async chunk, requested as the check starts (src/ui/lazy-results.tsx).
import { AutoFillPreview, FindingsList, SummaryTiles, preloadResults } from '../lazy-results';
import { StatusMessage, type StatusMessageData } from '../StatusMessage';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    minWidth: 0,
    maxWidth: '100%',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  workbook: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  intro: { color: tokens.colorNeutralForeground2 },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export interface ExtraActionContext {
  snapshot: WorkbookSnapshot | null;
  findings: Finding[] | null;
  /** The tables as the last 校验 recognised them. */
  recognised: Recognised | null;
  busy: boolean;
  /** Shows only the findings of a group (T1…, P, N, INPUT) in the list and scrolls to them (`only`: kept for callers; the list is always filtered). */
  showGroup(id: string, only?: boolean): void;
  /** Show a message in the pane's message bar. */
  showMessage(m: StatusMessageData): void;
  /** How files reach the user on this host (download, the browser, or not at all); a plain download when absent. */
  delivery?: FileDelivery;
}

export interface TaskPaneProps {
  host: WorkbookHost;
  /** Further actions after the built-in ones (生成情况说明 goes here). */
  extraActions?: (ctx: ExtraActionContext) => ReactNode;
  /** How files (校验报告, .docx) reach the user; a plain download when not given. */
  delivery?: FileDelivery;
}

/** The sheet 导出校验报告 → 写入工作表 writes, and where a file cannot leave the pane. */
export const REPORT_SHEET = '校验报告';

/** The report as rows of a sheet: a title, the workbook and time, the column headers, one row per finding. */
export function reportSheetRows(findings: Finding[], meta: ReportMeta): string[][] {
  return [
    ['预算公开校验报告'],
    [`工作簿：${meta.workbook}`, `校验时间：${formatDateTime(meta.checkedAt)}`, `共 ${findings.length} 条`],
    [],
    REPORT_HEADERS,
    ...reportRows(findings),
  ];
}

interface CheckState {
  snapshot: WorkbookSnapshot;
  recognised: Recognised;
  findings: Finding[];
  checkedAt: Date;
}

interface AutoFillState {
  mode: AutoFillMode;
  busy: boolean;
  fixes: CellFix[];
  skipped: { fix: CellFix; reason: string }[];
  filled: WorkbookSnapshot | null;
  /** What the engine reports on `filled`: the findings that remain after the fill. */
  remaining?: CheckResult;
}

type Busy = null | 'check' | 'write';

function presentGroups(rec: Recognised): Set<string> {
  const s = new Set<string>();
  for (const [id, loc] of Object.entries(rec.locations)) if (loc.found) s.add(id);
  if (rec.targets.length) s.add('P');
  if (rec.narrative) s.add('N');
  return s;
}

function annotateText(r: AnnotateResult): string {
  const notes = r.noteKind === 'none' ? '（此版本 Excel 不支持批注，仅加底色）' : `，${r.notes} 条${r.noteKind === 'note' ? '备注' : '批注'}`;
  const kept = r.keptNotes ? `${r.keptNotes} 个单元格已有批注，未添加，已列在“校验结果”表中。` : '';
  const locked = r.protectedSheets?.length ? `工作表“${r.protectedSheets.join('”“')}”受保护，未标记。` : '';
  return `标记 ${r.highlighted} 个单元格${notes}，并生成“校验结果”工作表。${kept}${locked}`;
}

const defaultDelivery = browserDelivery();

export function TaskPane({ host, extraActions, delivery = defaultDelivery }: TaskPaneProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState<CheckProgress | null>(null);
  const [check, setCheck] = useState<CheckState | null>(null);
  const [filter, setFilter] = useState<SeverityFilter>('all');
  const [openGroups, setOpenGroups] = useState<string[]>([]);
  const [groupFilter, setGroupFilter] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<StatusMessageData | null>(null);
  const [fill, setFill] = useState<AutoFillState | null>(null);
  const [announce, setAnnounce] = useState('');
  const fillRun = useRef(0);
  // The files beside the workbook (情况说明.docx, 上年公开文件): what 校验 takes with the workbook.
  const [side, setSide] = useState<{ options: CheckOptions; narrative?: string; previous?: string }>({ options: {} });
  const [sideBusy, setSideBusy] = useState<SideKind | null>(null);

  const showResult = useCallback((snapshot: WorkbookSnapshot, recognised: Recognised, findings: Finding[]) => {
    setCheck({ snapshot, recognised, findings, checkedAt: new Date() });
    setSelected(null);
    setGroupFilter(null);
    setOpenGroups([...SECTIONS_OPEN]);
    const c = countSeverities(findings);
    setAnnounce(`校验完成：共 ${findings.length} 条，错误 ${c.error} 条，提示 ${c.warning} 条，信息 ${c.info} 条`);
  }, []);

  const runCheck = useCallback(async (options: CheckOptions = side.options) => {
    setBusy('check');
    void preloadResults().catch(() => undefined); // a failed load shows when the result renders (ErrorBoundary)
    setMessage(null);
    setFill(null);
    setProgress({ fraction: 0, label: '正在读取工作簿…' });
    let snapshot: WorkbookSnapshot;
    try {
      await nextTurn();
      snapshot = await host.readSnapshot();
    } catch (e) {
      setMessage({ intent: 'error', title: '无法读取工作簿', text: errorText('请确认工作簿未处于单元格编辑状态后重试', e) });
      setBusy(null);
      return;
    }
    try {
      const result = await checkInSteps(snapshot, { onProgress: setProgress, ...options });
      setFilter('all');
      showResult(snapshot, result.recognised, result.findings);
    } catch (e) {
      setMessage({ intent: 'error', title: '校验出错', text: errorText('校验引擎遇到意外错误，请将工作簿反馈给开发人员', e) });
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }, [host, showResult, side.options]);

  /** A side file chosen (file) or removed (null): read in the pane, then 校验 again with it. */
  const chooseSide = useCallback(
    async (kind: SideKind, file: File | null) => {
      setSideBusy(kind);
      setMessage(null);
      try {
        const options: CheckOptions = { ...side.options };
        const next = { ...side };
        if (kind === 'narrative') {
          if (file) options.narrative = await readNarrativeFile(file);
          else delete options.narrative;
          next.narrative = file?.name;
        } else {
          if (file) options.previous = await readPreviousFile(file);
          else delete options.previous;
          next.previous = file?.name;
        }
        setSide({ ...next, options });
        setSideBusy(null);
        await runCheck(options);
      } catch (e) {
        const readable = /^Unreadable(Document|Workbook)Error$/.test((e as Error)?.name ?? '');
        setMessage({ intent: 'error', title: `无法使用“${file?.name ?? ''}”`, text: readable ? (e as Error).message : errorText('无法读取该文件', e) });
      } finally {
        setSideBusy(null);
      }
    },
    [side, runCheck],
  );

  const selectCells = useCallback(
    async (sheet: string, cells: string[]) => {
      try {
        await host.select(sheet, cells);
      } catch (e) {
        setMessage({ intent: 'warning', title: '无法选中单元格', text: errorText(`${sheet}!${cells[0] ?? ''} 可能已被删除或重命名`, e) });
      }
    },
    [host],
  );

  const activate = useCallback(
    (f: Finding, index: number) => {
      setSelected(index);
      if (f.sheet && f.cells.length) void selectCells(f.sheet, [f.cells[0]]);
    },
    [selectCells],
  );

  const computeFill = useCallback(
    async (snapshot: WorkbookSnapshot, mode: AutoFillMode) => {
      const run = ++fillRun.current;
      setFill({ mode, busy: true, fixes: [], skipped: [], filled: null });
      await nextTurn();
      try {
        const { snapshot: filled, result, remaining } = autoFill(snapshot, { overwrite: mode === 'overwrite' }, side.options);
        if (run !== fillRun.current) return;
        setFill({ mode, busy: false, fixes: result.applied, skipped: result.skipped, filled, remaining });
      } catch (e) {
        if (run !== fillRun.current) return;
        setFill(null);
        setMessage({ intent: 'error', title: '自动填充出错', text: errorText('无法计算合计', e) });
      }
    },
    [side.options],
  );

  const openFill = useCallback(() => {
    if (!check) return;
    setMessage(null);
    void computeFill(check.snapshot, 'blank');
    requestAnimationFrame(() => document.getElementById('autofill-heading')?.focus());
  }, [check, computeFill]);

  const confirmFill = useCallback(async () => {
    if (!fill?.filled) return;
    const { filled, fixes, remaining } = fill;
    if (!remaining) return;
    setBusy('write');
    try {
      const r = await host.annotate(remaining.findings, fixes);
      setFill(null);
      showResult(filled, remaining.recognised, remaining.findings);
      setMessage({ intent: 'success', title: `已填入 ${r.written} 个单元格`, text: annotateText(r) });
    } catch (e) {
      setMessage({ intent: 'error', title: '写入工作簿失败', text: errorText('工作簿未被修改或只修改了一部分，请检查后重试', e) });
    } finally {
      setBusy(null);
    }
  }, [fill, host, showResult]);

  const annotate = useCallback(async () => {
    if (!check) return;
    setBusy('write');
    try {
      const r = await host.annotate(check.findings, []);
      setMessage({ intent: 'success', title: '已标记到工作表', text: annotateText(r) });
    } catch (e) {
      setMessage({ intent: 'error', title: '标记失败', text: errorText('无法写入工作簿', e) });
    } finally {
      setBusy(null);
    }
  }, [check, host]);

  const clear = useCallback(async () => {
    setBusy('write');
    try {
      await host.clearAnnotations();
      setMessage({ intent: 'success', title: '已清除标记', text: '本加载项添加的底色、批注和“校验结果”工作表已移除；已填入的数值保留。' });
    } catch (e) {
      setMessage({ intent: 'error', title: '清除标记失败', text: errorText('无法修改工作簿', e) });
    } finally {
      setBusy(null);
    }
  }, [host]);

  const writeReportSheet = useCallback(
    async (meta: ReportMeta, why?: string) => {
      if (!check) return;
      setBusy('write');
      try {
        await host.writeSheet(REPORT_SHEET, reportSheetRows(check.findings, meta));
        setMessage({
          intent: why ? 'info' : 'success',
          title: `已将校验报告写入工作表“${REPORT_SHEET}”`,
          text: `${why ? `${why}` : ''}共 ${check.findings.length} 条。可用“文件 → 另存为”或复制该表保存；“清除标记”不会删除它。`,
        });
      } catch (e) {
        setMessage({ intent: 'error', title: '写入校验报告失败', text: errorText('无法写入工作簿', e) });
      } finally {
        setBusy(null);
      }
    },
    [check, host],
  );

  const exportReport = useCallback(
    (kind: ReportKind) => {
      if (!check) return;
      const meta: ReportMeta = { workbook: check.snapshot.name, checkedAt: check.checkedAt };
      if (kind === 'sheet') {
        void writeReportSheet(meta);
        return;
      }
      const name = reportFileName(meta, kind);
      let route: FileRoute;
      try {
        route =
          kind === 'csv'
            ? delivery.deliver({ name, data: buildCsv(check.findings), mime: 'text/csv' })
            : delivery.deliver({ name, data: buildHtml(check.findings, meta), mime: 'text/html' });
      } catch (e) {
        setMessage({ intent: 'error', title: '导出失败', text: errorText('无法生成或保存文件，可改用“写入工作表”', e) });
        return;
      }
      if (route === 'none') {
        void writeReportSheet(meta, '此版本 Excel 不能从加载项保存文件，已改为写入工作表。');
        return;
      }
      setMessage({ intent: 'info', ...deliveredMessage(route, '校验报告', name, '在“导出校验报告”菜单中选择“写入工作表”') });
    },
    [check, delivery, writeReportSheet],
  );

  /** A summary tile (or 情况说明's 查看问题): the list shows only that table's findings, every section open. */
  const showGroup = useCallback((id: string) => {
    setFilter('all');
    setGroupFilter(id);
    setOpenGroups([...SECTION_ORDER]);
    requestAnimationFrame(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="group-filter"]');
      list?.scrollIntoView({ block: 'start' });
      document.querySelector<HTMLButtonElement>('[data-testid="findings"] [data-testid="finding-button"]')?.focus();
    });
  }, []);

  return (
    <main className={styles.root} aria-label="预算公开校验助手">
      <header className={styles.header}>
        <h1 className={styles.title}>预算公开校验助手</h1>
        {check && (
          <Text size={200} className={styles.workbook} data-testid="workbook-name">
            {check.snapshot.name}
          </Text>
        )}
      </header>
      <CheckButton busy={busy === 'check'} disabled={busy === 'write' || sideBusy !== null} progress={progress} onCheck={() => void runCheck()} />
      <div className={styles.srOnly} aria-live="polite" role="status">
        {announce}
      </div>
      {message && <StatusMessage message={message} onDismiss={() => setMessage(null)} />}
      {!check && busy !== 'check' && (
        <Text className={styles.intro}>
          点击“校验”，检查当前工作簿中的预算公开表（表一至表十三）、项目支出绩效目标表和情况说明。
        </Text>
      )}
      {check && (
        <SummaryTiles findings={check.findings} present={presentGroups(check.recognised)} onShowGroup={showGroup} active={groupFilter} />
      )}
      <ActionBar
        hasResult={!!check}
        busy={busy !== null || !!fill}
        onAutoFill={openFill}
        onAnnotate={annotate}
        onClear={clear}
        onExport={exportReport}
        extra={extraActions?.({
          snapshot: check?.snapshot ?? null,
          findings: check?.findings ?? null,
          recognised: check?.recognised ?? null,
          busy: busy !== null,
          showMessage: setMessage,
          showGroup,
          delivery,
        })}
      />
      <SideFilesPicker
        narrative={side.narrative}
        previous={side.previous}
        busy={sideBusy}
        disabled={busy !== null || sideBusy !== null}
        onChoose={(kind, f) => void chooseSide(kind, f)}
        onRemove={(kind) => void chooseSide(kind, null)}
      />
      {fill && check && (
        <AutoFillPreview
          mode={fill.mode}
          onModeChange={(mode) => void computeFill(check.snapshot, mode)}
          fixes={fill.fixes}
          skipped={fill.skipped}
          busy={fill.busy || busy === 'write'}
          onConfirm={confirmFill}
          onCancel={() => {
            fillRun.current++;
            setFill(null);
          }}
        />
      )}
      {check && (
        <FindingsList
          findings={check.findings}
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
      )}
    </main>
  );
}
