import { Badge, Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../model/finding';
import { relatedCells } from '../format/findings-view-model';
import { SEVERITY_LABEL, cellLabel, groupDigits } from '../format/labels';

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
  link: { fontSize: 'inherit', lineHeight: 'inherit' },
});

export interface FindingItemProps {
  finding: Finding;
  /** Index in the full list of findings (stable id for tests and keys). */
  index: number;
  selected: boolean;
  /** Click, Enter or Space: select the finding (and its cell in the sheet). */
  onActivate(finding: Finding, index: number): void;
  /** A related cell link was chosen. */
  onSelectCells(sheet: string, cells: string[]): void;
}

/** One finding: severity badge, message and cell; when selected, expected/actual and the related cells. */
export function FindingItem({ finding: f, index, selected, onActivate, onSelectCells }: FindingItemProps) {
  const styles = useStyles();
  const where = cellLabel(f.sheet, f.cells[0]);
  const related = relatedCells(f);
  const detailsId = `finding-details-${index}`;
  return (
    <li className={styles.item} data-testid="finding" data-index={index} data-severity={f.severity}>
      <button
        type="button"
        className={mergeClasses(styles.button, selected && styles.selected)}
        onClick={() => onActivate(f, index)}
        aria-expanded={selected}
        aria-controls={selected ? detailsId : undefined}
        aria-label={`${SEVERITY_LABEL[f.severity]}：${f.message}${where ? `，单元格 ${where}` : ''}`}
        data-testid="finding-button"
      >
        <span className={styles.head}>
          <Badge appearance="filled" color={BADGE_COLOR[f.severity]} size="small" shape="rounded">
            {SEVERITY_LABEL[f.severity]}
          </Badge>
          <span className={styles.cell} data-testid="finding-cell">
            {where || '无单元格位置'}
          </span>
        </span>
        <span className={styles.message} data-testid="finding-message">
          {f.message}
        </span>
      </button>
      {selected && (
        <div id={detailsId} className={styles.details} data-testid="finding-details">
          {(f.expected !== undefined || f.actual !== undefined) && (
            <span>
              {f.expected !== undefined && <>应为 {groupDigits(f.expected)}</>}
              {f.expected !== undefined && f.actual !== undefined && '，'}
              {f.actual !== undefined && <>实为 {groupDigits(f.actual)}</>}
            </span>
          )}
          <span>规则 {f.rule}</span>
          {related.length > 0 && (
            <span className={styles.links}>
              <span>相关单元格：</span>
              {related.map((r) => {
                const text = `${r.sheet}!${r.cells.length > 3 ? `${r.cells[0]} 等 ${r.cells.length} 个` : r.cells.join(',')}`;
                return (
                  <Link
                    key={`${r.sheet}!${r.cells.join(',')}`}
                    as="button"
                    className={styles.link}
                    onClick={() => onSelectCells(r.sheet, r.cells)}
                    aria-label={`选中相关单元格 ${r.sheet}!${r.cells.join(',')}`}
                    data-testid="related-link"
                  >
                    {text}
                  </Link>
                );
              })}
            </span>
          )}
        </div>
      )}
    </li>
  );
}
