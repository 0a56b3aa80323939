import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Finding } from '../model/finding';
import { GROUP_ORDER, groupTitle } from '../format/groups';
import { countSeverities, countsText, groupFindings, type SeverityCounts } from '../format/findings-view-model';
import { SEVERITY_LABEL } from '../format/labels';
import { isRounding } from '../format/view';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  totals: { display: 'flex', columnGap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'baseline' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteMarigoldForeground2 },
  info: { color: tokens.colorNeutralForeground3 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(4, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: '2px',
    width: '100%',
    minHeight: '44px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  tileError: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  tileWarning: { borderLeft: `4px solid ${tokens.colorPaletteMarigoldBorderActive}` },
  tileOk: { borderLeft: `4px solid ${tokens.colorPaletteGreenBorder2}` },
  tileActive: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-1px', backgroundColor: tokens.colorBrandBackground2 },
  tileMissing: { color: tokens.colorNeutralForeground3, cursor: 'default', backgroundColor: tokens.colorNeutralBackground3 },
  title: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  status: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' },
});

export interface SummaryTilesProps {
  findings: Finding[];
  /** Groups the workbook has (tables recognised, target sheets, narrative); others show 未识别. */
  present: ReadonlySet<string>;
  /** A tile was chosen: the list shows only that group's findings. */
  onShowGroup?(group: string): void;
  /** The group the list is filtered to (its tile shows pressed). */
  active?: string | null;
}

function tileStatus(c: SeverityCounts, present: boolean, rounding: number): string {
  if (c.error) return `错误 ${c.error}`;
  // Only 舍位 differences: said so, not as 提示 that would need work.
  if (c.warning && c.warning === rounding) return `舍位差异 ${rounding}`;
  if (c.warning) return `提示 ${c.warning}`;
  if (c.info) return `信息 ${c.info}`;
  return present ? '通过' : '未识别';
}

/** 校验结果汇总: totals and one tile per table (表一…表十三, 绩效目标表, 情况说明, 输入问题). */
export function SummaryTiles({ findings, present, onShowGroup, active }: SummaryTilesProps) {
  const styles = useStyles();
  const total = countSeverities(findings);
  const groups = new Map(groupFindings(findings).map((g) => [g.id, g]));
  return (
    <section className={styles.root} aria-label="校验结果汇总" data-testid="summary">
      <div className={styles.totals} data-testid="summary-totals">
        <Text weight="semibold">共 {findings.length} 条</Text>
        <Text className={styles.error}>错误 {total.error}</Text>
        <Text className={styles.warning}>提示 {total.warning}</Text>
        <Text className={styles.info}>信息 {total.info}</Text>
      </div>
      <ul className={styles.grid}>
        {GROUP_ORDER.map((id) => {
          const g = groups.get(id);
          const counts = g?.counts ?? { error: 0, warning: 0, info: 0 };
          const isPresent = present.has(id) || !!g;
          // 输入问题 only shows when there is something to show.
          if (id === 'INPUT' && !g) return null;
          const title = groupTitle(id);
          const rounding = g ? g.items.filter((i) => isRounding(i.finding)).length : 0;
          const status = tileStatus(counts, isPresent, rounding);
          const roundingOnly = !counts.error && counts.warning > 0 && counts.warning === rounding;
          const className = mergeClasses(
            styles.tile,
            counts.error ? styles.tileError : roundingOnly ? styles.tileOk : counts.warning ? styles.tileWarning : isPresent ? styles.tileOk : styles.tileMissing,
            active === id && styles.tileActive,
          );
          const label = `${title}：${g ? countsText(counts, SEVERITY_LABEL) : status}`;
          return (
            <li key={id}>
              <button
                type="button"
                className={className}
                aria-label={label}
                title={label}
                disabled={!g}
                aria-pressed={g ? active === id : undefined}
                onClick={() => onShowGroup?.(id)}
                data-testid={`summary-tile-${id}`}
              >
                <span className={styles.title}>{title}</span>
                <span className={styles.status}>{status}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
