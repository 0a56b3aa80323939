import { Badge, Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../model/finding';
import { SEVERITY_LABEL, cellLabel } from '../format/labels';
import { INLINE_CELLS, cellsText, itemValues, type ViewItem } from '../format/view';

export const BADGE_COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

const useStyles = makeStyles({
  item: { listStyleType: 'none', margin: 0, padding: 0 },
  button: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    width: '100%',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    borderLeft: `3px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  head: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  cell: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  message: { overflowWrap: 'anywhere', wordBreak: 'break-word' },
  details: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    margin: `0 0 ${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  links: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  part: { display: 'block', marginLeft: tokens.spacingHorizontalS },
  all: { flexBasis: '100%', color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  link: { fontSize: 'inherit', lineHeight: 'inherit' },
});

export interface FindingItemProps {
  /** One item of the view (src/format/view.ts): one finding, or merged ones (a figure's 舍位 identities, a sheet's indicator gaps). */
  item: ViewItem;
  selected: boolean;
  /** Click, Enter or Space: select the item (and its cell in the sheet). */
  onActivate(finding: Finding, index: number): void;
  /** A related cell link was chosen. */
  onSelectCells(sheet: string, cells: string[]): void;
}

/** One item: severity badge, table and cell, message; when selected, 应为/实为, 规则 and every related cell. */
export function FindingItem({ item, selected, onActivate, onSelectCells }: FindingItemProps) {
  const styles = useStyles();
  const first = item.parts[0];
  const index = first.index;
  const where = cellLabel(item.sheet, item.cell);
  const detailsId = `finding-details-${index}`;
  const values = itemValues(item);
  return (
    <li className={styles.item} data-testid="finding" data-index={index} data-indexes={item.parts.map((p) => p.index).join(' ')} data-severity={item.severity} data-kind={item.kind}>
      <button
        type="button"
        className={mergeClasses(styles.button, selected && styles.selected)}
        onClick={() => onActivate(first.finding, index)}
        aria-expanded={selected}
        aria-controls={selected ? detailsId : undefined}
        aria-label={`${SEVERITY_LABEL[item.severity]}：${item.message}${where ? `，单元格 ${where}` : ''}`}
        data-testid="finding-button"
      >
        <span className={styles.head}>
          <Badge appearance="filled" color={BADGE_COLOR[item.severity]} size="small" shape="rounded">
            {SEVERITY_LABEL[item.severity]}
          </Badge>
          <span className={styles.cell} data-testid="finding-cell">
            {where || '无单元格位置'}
          </span>
        </span>
        <span className={styles.message} data-testid="finding-message">
          {item.message}
        </span>
      </button>
      {selected && (
        <div id={detailsId} className={styles.details} data-testid="finding-details">
          {values && <span data-testid="finding-values">{values}</span>}
          <span data-testid="finding-rule">
            规则：{item.titles.join('、')}（{item.rules.join('、')}）
          </span>
          {item.parts.length > 1 && (
            <span>
              合并了 {item.parts.length} 条：
              {item.parts.map((p) => (
                <span key={p.index} className={styles.part}>
                  {p.finding.sheet} {p.finding.cells[0] ?? ''}：{p.finding.message}
                </span>
              ))}
            </span>
          )}
          {item.related.length > 0 && (
            <span className={styles.links}>
              <span>相关单元格：</span>
              {item.related.map((r) => (
                <Link
                  key={r.sheet}
                  as="button"
                  className={styles.link}
                  onClick={() => onSelectCells(r.sheet, r.cells)}
                  aria-label={`选中相关单元格 ${r.sheet}!${r.cells.join(',')}`}
                  data-testid="related-link"
                >
                  {cellsText([r])}
                </Link>
              ))}
              {item.related.reduce((n, r) => n + r.cells.length, 0) > INLINE_CELLS && (
                <span className={styles.all} data-testid="related-all">
                  全部：{item.related.map((r) => `${r.sheet} ${r.cells.join('、')}`).join('；')}
                </span>
              )}
            </span>
          )}
        </div>
      )}
    </li>
  );
}
