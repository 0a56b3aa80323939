/**
 * The workbook preview: one tab per sheet (with the count of findings stated on it), a name box showing the
 * selected cell's address, formula or value and the findings stated there, and the sheet's virtualised grid.
 */
import { useEffect, useMemo, useRef } from 'react';
import { Badge, Tab, TabList, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { a1 } from '../model/address';
import { getCell, type WorkbookSnapshot } from '../model/snapshot';
import type { Finding, Severity } from '../model/finding';
import { BADGE_COLOR } from '../ui/FindingItem';
import { SEVERITY_LABEL } from '../format/labels';
import { displayText, sheetCounts, type CellMark } from './grid-model';
import { SheetGrid, type GridSelection } from './SheetGrid';
import { previewFrame } from './preview-frame';

const useStyles = makeStyles({
  root: previewFrame,
  tabs: {
    flexShrink: 0,
    overflowX: 'auto',
    overflowY: 'hidden',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    scrollbarWidth: 'thin',
  },
  tabList: { flexWrap: 'nowrap', width: 'max-content' },
  tab: { whiteSpace: 'nowrap' },
  tabContent: { display: 'inline-flex', alignItems: 'center', columnGap: '4px' },
  hidden: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  nameBar: {
    flexShrink: 0,
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    minHeight: '28px',
    padding: `2px ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
  },
  nameBox: {
    flexShrink: 0,
    display: 'inline-block',
    height: '22px',
    boxSizing: 'border-box',
    minWidth: '64px',
    padding: '0 6px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    fontFamily: tokens.fontFamilyMonospace,
    lineHeight: '20px',
    textAlign: 'center',
  },
  content: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontFamily: tokens.fontFamilyBase },
  hint: { color: tokens.colorNeutralForeground3 },
  notes: {
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: '2px',
    padding: `4px ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    maxHeight: '72px',
    overflowY: 'auto',
  },
  note: { display: 'flex', columnGap: '6px', alignItems: 'baseline', '& > :first-child': { flexShrink: 0 } },
  gridBox: { flexGrow: 1, minHeight: 0 },
  empty: { padding: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground3 },
});

export interface SheetPreviewProps {
  workbook: WorkbookSnapshot;
  findings: Finding[];
  /** Sheet name → "A1" → mark (stated cells of findings). */
  marks: Map<string, Map<string, CellMark>>;
  activeSheet: string;
  onSheetChange(sheet: string): void;
  /** Selected cell of the active sheet. */
  selected: GridSelection | null;
  onSelect(sel: GridSelection): void;
  /** Cells framed as related to the chosen finding, per sheet. */
  related: Map<string, Set<string>>;
  /** Cells auto-fill would write, per sheet: "A1" → value. */
  fixes?: Map<string, Map<string, string>>;
  revealKey: number;
}

export function SheetPreview(props: SheetPreviewProps) {
  const { workbook, findings, marks, activeSheet, selected } = props;
  const styles = useStyles();
  const counts = useMemo(() => sheetCounts(findings), [findings]);
  const sheet = workbook.sheets.find((s) => s.name === activeSheet) ?? workbook.sheets[0];
  const sheetMarks = sheet ? marks.get(sheet.name) : undefined;
  const tabsRef = useRef<HTMLDivElement>(null);

  // Bring the active tab into view when a finding switched sheets (scrolling the tab strip only, not the page).
  useEffect(() => {
    const strip = tabsRef.current;
    const tab = strip?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!strip || !tab) return;
    const left = tab.getBoundingClientRect().left - strip.getBoundingClientRect().left + strip.scrollLeft;
    if (left < strip.scrollLeft) strip.scrollLeft = Math.max(0, left - 24);
    else if (left + tab.offsetWidth > strip.scrollLeft + strip.clientWidth) strip.scrollLeft = left + tab.offsetWidth - strip.clientWidth + 24;
  }, [activeSheet]);

  if (!sheet) return <div className={styles.empty}>工作簿中没有工作表。</div>;

  const describe = (m: CellMark) => m.findings.map((i) => `【${SEVERITY_LABEL[findings[i].severity]}】${findings[i].message}`).join('\n');
  const selKey = selected ? a1(selected.row, selected.col) : '';
  const selCell = selected ? getCell(sheet, selected.row, selected.col) : undefined;
  const selMark = selKey ? sheetMarks?.get(selKey) : undefined;
  const content = selCell?.formula ? `=${selCell.formula}` : displayText(selCell);

  return (
    <section className={styles.root} aria-label="工作表预览" data-testid="sheet-preview">
      <div className={styles.tabs} ref={tabsRef}>
        <TabList
          className={styles.tabList}
          size="small"
          selectedValue={sheet.name}
          onTabSelect={(_, d) => props.onSheetChange(String(d.value))}
          aria-label="工作表"
        >
          {workbook.sheets.map((s) => {
            const c = counts.get(s.name);
            const worst: Severity | undefined = c ? (c.error ? 'error' : c.warning ? 'warning' : c.info ? 'info' : undefined) : undefined;
            const n = c ? c.error + c.warning + c.info : 0;
            return (
              <Tab key={s.name} value={s.name} className={styles.tab} data-testid="sheet-tab" data-sheet={s.name}>
                <span className={styles.tabContent}>
                  <span className={s.hidden ? styles.hidden : undefined}>
                    {s.name}
                    {s.hidden ? '（隐藏）' : ''}
                  </span>
                  {worst && (
                    <Badge size="small" appearance="filled" color={BADGE_COLOR[worst]} aria-label={`${n} 个问题`}>
                      {n}
                    </Badge>
                  )}
                </span>
              </Tab>
            );
          })}
        </TabList>
      </div>
      <div className={styles.nameBar}>
        <span className={styles.nameBox} data-testid="name-box" aria-label="所选单元格">
          {selKey || '\u00a0'}
        </span>
        {selected ? (
          <Text className={styles.content} title={content} data-testid="cell-content">
            {content}
          </Text>
        ) : (
          <Text className={mergeClasses(styles.content, styles.hint)}>点击单元格查看内容；点击左侧的问题可定位到对应单元格。</Text>
        )}
      </div>
      {selMark && (
        <div className={styles.notes} data-testid="cell-findings">
          {selMark.findings.map((i) => (
            <span key={i} className={styles.note}>
              <Badge size="small" appearance="tint" color={BADGE_COLOR[findings[i].severity]} shape="rounded">
                {SEVERITY_LABEL[findings[i].severity]}
              </Badge>
              <span>{findings[i].message}</span>
            </span>
          ))}
        </div>
      )}
      <div className={styles.gridBox}>
        <SheetGrid
          sheet={sheet}
          marks={sheetMarks}
          describe={describe}
          selected={selected}
          related={props.related.get(sheet.name)}
          fixes={props.fixes?.get(sheet.name)}
          revealKey={props.revealKey}
          onSelect={props.onSelect}
        />
      </div>
    </section>
  );
}
