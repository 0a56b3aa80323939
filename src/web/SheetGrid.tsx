/**
 * Read-only preview of one sheet, virtualised in both directions: only the rows and columns in view (and a few
 * around them) exist in the DOM, so a 100,000-row sheet scrolls like a small one. Merged areas are drawn as one
 * cell. Cells a finding is stated at take the severity colours of the annotated copy; the selected cell has a
 * frame, the related cells of the selected finding a dashed one, cells auto-fill would write are blue.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { a1, colLetter } from '../model/address';
import type { SheetSnapshot } from '../model/snapshot';
import {
  HEADER_HEIGHT,
  Merges,
  ROW_HEIGHT,
  SEVERITY_FILL,
  columnWidths,
  displayText,
  indexAt,
  isNumeric,
  offsets,
  windowCells,
  type CellMark,
} from './grid-model';

const OVERSCAN_ROWS = 8;
const OVERSCAN_COLS = 2;

const useStyles = makeStyles({
  scroll: {
    position: 'relative',
    overflow: 'auto',
    height: '100%',
    width: '100%',
    backgroundColor: '#fff',
    outline: 'none',
    ':focus-visible': { boxShadow: `inset 0 0 0 2px ${tokens.colorStrokeFocus2}` },
  },
  sizer: { position: 'relative' },
  stickyTop: { position: 'sticky', top: 0, height: 0, zIndex: 3 },
  stickyLeft: { position: 'sticky', left: 0, width: 0, height: 0, zIndex: 2 },
  stickyCorner: { position: 'sticky', top: 0, left: 0, width: 0, height: 0, zIndex: 4 },
  head: {
    position: 'absolute',
    boxSizing: 'border-box',
    backgroundColor: '#f3f3f3',
    color: '#616161',
    borderRight: '1px solid #d6d6d6',
    borderBottom: '1px solid #d6d6d6',
    fontSize: '11px',
    lineHeight: `${HEADER_HEIGHT - 1}px`,
    textAlign: 'center',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    userSelect: 'none',
  },
  headActive: { backgroundColor: '#d2e6f7', color: '#0f548c', fontWeight: 600 },
  cell: {
    position: 'absolute',
    boxSizing: 'border-box',
    padding: '0 4px',
    borderRight: '1px solid #e3e3e3',
    borderBottom: '1px solid #e3e3e3',
    backgroundColor: '#fff',
    fontSize: '12px',
    lineHeight: `${ROW_HEIGHT - 1}px`,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    color: '#242424',
    cursor: 'cell',
  },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  // A merged area over one row: one line, centred. Over several rows: the text wraps, as many lines as fit.
  merged: { textAlign: 'center' },
  mergedTall: { display: 'flex', alignItems: 'center', justifyContent: 'center', whiteSpace: 'normal', lineHeight: '16px' },
  mergedNum: { textAlign: 'right', justifyContent: 'flex-end' },
  clamp: { display: '-webkit-box', WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' },
  selected: { outline: '2px solid #0f6cbd', outlineOffset: '-2px', zIndex: 1 },
  related: { outline: '2px dashed #8764b8', outlineOffset: '-2px', zIndex: 1 },
  fixed: { color: '#0f548c', fontWeight: 600 },
  formula: { color: '#242424' },
});

export interface GridSelection {
  row: number;
  col: number;
}

export interface SheetGridProps {
  sheet: SheetSnapshot;
  /** "A1" → the severity of the findings stated there (this sheet only). */
  marks?: Map<string, CellMark>;
  /** Tooltip text of a marked cell (the findings' messages). */
  describe?(mark: CellMark): string;
  selected: GridSelection | null;
  /** Cells to frame as related to the selected finding ("A1", this sheet only). */
  related?: ReadonlySet<string>;
  /** Cells auto-fill would write: "A1" → new value shown instead of the current one. */
  fixes?: ReadonlyMap<string, string>;
  /** Changes whenever the selected cell must be scrolled into view (a finding was chosen). */
  revealKey?: number;
  onSelect(sel: GridSelection): void;
}

interface View {
  top: number;
  left: number;
  height: number;
  width: number;
}

export function SheetGrid({ sheet, marks, describe, selected, related, fixes, revealKey, onSelect }: SheetGridProps) {
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ top: 0, left: 0, height: 600, width: 800 });
  const frame = useRef(0);

  const rows = Math.max(sheet.rowCount, 1);
  const cols = Math.max(sheet.colCount, 1);
  const colOffs = useMemo(() => offsets(columnWidths(sheet)), [sheet]);
  const merges = useMemo(() => new Merges(sheet), [sheet]);
  const rowHeadWidth = Math.max(36, String(rows).length * 8 + 14);
  const totalWidth = rowHeadWidth + colOffs[cols];
  const totalHeight = HEADER_HEIGHT + rows * ROW_HEIGHT;

  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setView({ top: el.scrollTop, left: el.scrollLeft, height: el.clientHeight, width: el.clientWidth });
  }, []);

  useLayoutEffect(() => {
    measure();
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => measure());
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);

  // A new sheet starts at its top-left corner.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el) {
      el.scrollTop = 0;
      el.scrollLeft = 0;
    }
    measure();
  }, [sheet, measure]);

  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      measure();
    });
  }, [measure]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  /** Scrolls so that the cell (or the merged area it starts) is in view, with some context above it. */
  const reveal = useCallback(
    (sel: GridSelection, centre: boolean) => {
      const el = scrollRef.current;
      if (!el) return;
      const area = merges.at(sel.row, sel.col);
      const top = HEADER_HEIGHT + (sel.row - 1) * ROW_HEIGHT;
      const bottom = HEADER_HEIGHT + (area ? area.bottom : sel.row) * ROW_HEIGHT;
      const left = rowHeadWidth + colOffs[Math.min(sel.col, cols) - 1];
      const right = rowHeadWidth + colOffs[Math.min(area ? area.right : sel.col, cols)];
      const viewTop = el.scrollTop + HEADER_HEIGHT;
      const viewBottom = el.scrollTop + el.clientHeight;
      const viewLeft = el.scrollLeft + rowHeadWidth;
      const viewRight = el.scrollLeft + el.clientWidth;
      if (top < viewTop || bottom > viewBottom) {
        el.scrollTop = centre ? Math.max(0, top - HEADER_HEIGHT - el.clientHeight / 3) : top < viewTop ? top - HEADER_HEIGHT : bottom - el.clientHeight;
      }
      if (left < viewLeft || right > viewRight) {
        el.scrollLeft = centre ? Math.max(0, left - rowHeadWidth - 24) : left < viewLeft ? left - rowHeadWidth : right - el.clientWidth;
      }
      measure();
    },
    [merges, colOffs, cols, rowHeadWidth, measure],
  );

  useLayoutEffect(() => {
    if (selected && revealKey !== undefined) reveal(selected, true);
    // Only when asked to (revealKey), not on every selection by click or key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealKey, sheet]);

  // The window of rows and columns to draw.
  const r0 = Math.max(1, Math.floor(Math.max(0, view.top) / ROW_HEIGHT) + 1 - OVERSCAN_ROWS);
  const r1 = Math.min(rows, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN_ROWS);
  const c0 = Math.max(1, indexAt(colOffs, Math.max(0, view.left - rowHeadWidth)) + 1 - OVERSCAN_COLS);
  const c1 = Math.min(cols, indexAt(colOffs, view.left + view.width) + 1 + OVERSCAN_COLS);
  const cells = useMemo(() => windowCells(sheet, merges, r0, r1, c0, c1), [sheet, merges, r0, r1, c0, c1]);

  const onClick = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const t = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
      if (!t) return;
      onSelect({ row: Number(t.dataset.r), col: Number(t.dataset.c) });
    },
    [onSelect],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const d = moves[e.key];
      if (!d) return;
      e.preventDefault();
      const from = selected ?? { row: 1, col: 1 };
      const area = merges.at(from.row, from.col);
      let row = from.row + d[0];
      let col = from.col + d[1];
      if (area && d[0] > 0) row = area.bottom + 1;
      if (area && d[1] > 0) col = area.right + 1;
      row = Math.min(rows, Math.max(1, row));
      col = Math.min(cols, Math.max(1, col));
      const cover = merges.covering(row, col);
      const next = cover ? { row: cover.top, col: cover.left } : { row, col };
      onSelect(next);
      reveal(next, false);
    },
    [selected, merges, rows, cols, onSelect, reveal],
  );

  const selKey = selected ? a1(selected.row, selected.col) : '';
  const selArea = selected ? merges.at(selected.row, selected.col) : undefined;

  const colHeads = [];
  for (let c = c0; c <= c1; c++) {
    const active = !!selected && c >= selected.col && c <= (selArea?.right ?? selected.col);
    colHeads.push(
      <div
        key={c}
        className={mergeClasses(styles.head, active && styles.headActive)}
        style={{ left: rowHeadWidth + colOffs[c - 1], top: 0, width: colOffs[c] - colOffs[c - 1], height: HEADER_HEIGHT }}
      >
        {colLetter(c)}
      </div>,
    );
  }
  const rowHeads = [];
  for (let r = r0; r <= r1; r++) {
    const active = !!selected && r >= selected.row && r <= (selArea?.bottom ?? selected.row);
    rowHeads.push(
      <div
        key={r}
        className={mergeClasses(styles.head, active && styles.headActive)}
        style={{ left: 0, top: HEADER_HEIGHT + (r - 1) * ROW_HEIGHT, width: rowHeadWidth, height: ROW_HEIGHT, lineHeight: `${ROW_HEIGHT - 1}px` }}
      >
        {r}
      </div>,
    );
  }

  return (
    <div
      ref={scrollRef}
      className={styles.scroll}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="grid"
      aria-label={`工作表“${sheet.name}”预览（只读，${sheet.rowCount} 行 × ${sheet.colCount} 列）`}
      aria-rowcount={sheet.rowCount}
      aria-colcount={sheet.colCount}
      data-testid="sheet-grid"
      data-sheet={sheet.name}
    >
      <div className={styles.sizer} style={{ width: totalWidth, height: totalHeight }} onClick={onClick}>
        <div className={styles.stickyTop}>{colHeads}</div>
        <div className={styles.stickyLeft}>{rowHeads}</div>
        <div className={styles.stickyCorner}>
          <div className={styles.head} style={{ left: 0, top: 0, width: rowHeadWidth, height: HEADER_HEIGHT }} aria-hidden />
        </div>
        {cells.map(({ row, col, rowSpan, colSpan, cell }) => {
          const key = a1(row, col);
          const mark = marks?.get(key);
          const fix = fixes?.get(key);
          const text = fix !== undefined ? displayText({ value: Number(fix), numFmt: cell?.numFmt ?? '#,##0.00' }) : displayText(cell);
          const numeric = fix !== undefined || isNumeric(cell);
          const merged = rowSpan > 1 || colSpan > 1;
          const tall = rowSpan > 1;
          const isSel = key === selKey;
          const background = fix !== undefined ? SEVERITY_FILL.fixed : mark ? SEVERITY_FILL[mark.severity] : undefined;
          const title = [
            mark && describe ? describe(mark) : '',
            fix !== undefined ? `自动填充：${cell?.value ?? '（空）'} → ${fix}` : '',
            cell?.formula ? `=${cell.formula}` : '',
          ]
            .filter(Boolean)
            .join('\n');
          return (
            <div
              key={key}
              role="gridcell"
              aria-rowindex={row}
              aria-colindex={col}
              aria-selected={isSel || undefined}
              className={mergeClasses(
                styles.cell,
                numeric && styles.num,
                merged && styles.merged,
                tall && styles.mergedTall,
                merged && numeric && styles.mergedNum,
                fix !== undefined && styles.fixed,
                related?.has(key) && !isSel && styles.related,
                isSel && styles.selected,
              )}
              style={{
                top: HEADER_HEIGHT + (row - 1) * ROW_HEIGHT,
                left: rowHeadWidth + colOffs[col - 1],
                width: colOffs[Math.min(col + colSpan - 1, cols)] - colOffs[col - 1],
                height: rowSpan * ROW_HEIGHT,
                backgroundColor: background,
              }}
              title={title || undefined}
              data-r={row}
              data-c={col}
              data-cell={key}
              data-mark={fix !== undefined ? 'fixed' : mark?.severity}
              data-selected={isSel || undefined}
              data-related={related?.has(key) || undefined}
            >
              {tall && text ? (
                <span className={styles.clamp} style={{ WebkitLineClamp: Math.max(1, Math.floor((rowSpan * ROW_HEIGHT - 4) / 16)) }}>
                  {text}
                </span>
              ) : (
                text
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
