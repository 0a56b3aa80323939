import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Finding } from '../model/finding';
import { countSeverities, countsText, groupFindings } from '../format/findings-view-model';
import { groupTitle } from '../format/groups';
import { FILTERS, FILTER_LABEL, SEVERITY_LABEL, type SeverityFilter } from '../format/labels';
import { ROUNDING_NOTE, SECTION_ORDER, buildView, sectionItems, sectionTitle, type SectionId, type ViewItem } from '../format/view';
import { BADGE_COLOR, FindingItem } from './FindingItem';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  tabs: { flexWrap: 'wrap' },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: '2px' },
  header: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  panel: { margin: `0 0 ${tokens.spacingVerticalS}` },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalS },
  table: {
    listStyleType: 'none',
    margin: `${tokens.spacingVerticalXS} 0 0`,
    padding: `0 ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, padding: `0 ${tokens.spacingHorizontalS}` },
  only: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
  },
});

export interface FindingsListProps {
  findings: Finding[];
  filter: SeverityFilter;
  onFilterChange(filter: SeverityFilter): void;
  /** Sections shown open (errors, notices, rounding: src/format/view.ts SectionId). */
  openGroups: string[];
  onOpenGroupsChange(groups: string[]): void;
  /** Only the findings of this table group (T1…, P, N, INPUT), as a summary tile chose; null: all. */
  groupFilter?: string | null;
  onGroupFilterChange?(group: string | null): void;
  /** Index (in `findings`) of the selected finding: the item holding it is shown selected. */
  selectedIndex: number | null;
  onActivate(finding: Finding, index: number): void;
  onSelectCells(sheet: string, cells: string[]): void;
}

/** The items of a section, with a table heading before each table's first item. */
function SectionList({ items, selectedIndex, onActivate, onSelectCells, labelledBy }: {
  items: ViewItem[];
  selectedIndex: number | null;
  onActivate: FindingsListProps['onActivate'];
  onSelectCells: FindingsListProps['onSelectCells'];
  labelledBy: string;
}) {
  const styles = useStyles();
  const out: JSX.Element[] = [];
  let group = '';
  for (const item of items) {
    if (item.group !== group) {
      group = item.group;
      out.push(
        <li key={`t-${group}`} className={styles.table} data-testid="section-table" data-group={group} aria-hidden="true">
          {item.groupTitle}
        </li>,
      );
    }
    const selected = selectedIndex !== null && item.parts.some((p) => p.index === selectedIndex);
    out.push(<FindingItem key={item.key} item={item} selected={selected} onActivate={onActivate} onSelectCells={onSelectCells} />);
  }
  return (
    <ul className={styles.list} aria-labelledby={labelledBy}>
      {out}
    </ul>
  );
}

/**
 * The findings as the clerk's view (src/format/view.ts): 错误 first, then 提示与信息, then the 舍位 differences folded
 * into one group with its count; by table within each; filterable by severity and, from a summary tile, by table.
 */
export function FindingsList(props: FindingsListProps) {
  const { findings, filter, openGroups, selectedIndex, groupFilter } = props;
  const styles = useStyles();
  const counts = countSeverities(findings);
  const countOf = (f: SeverityFilter) => (f === 'all' ? findings.length : counts[f]);
  const view = buildView(findings, { severity: filter === 'all' ? undefined : filter, group: groupFilter ?? undefined });
  const sections = SECTION_ORDER.filter((id) => sectionItems(view, id).length > 0);
  const groupCounts = groupFilter ? groupFindings(findings).find((g) => g.id === groupFilter)?.counts : undefined;
  return (
    <section className={styles.root} aria-label="问题列表" data-testid="findings">
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={filter}
        onTabSelect={(_, d) => props.onFilterChange(d.value as SeverityFilter)}
        aria-label="按级别筛选"
      >
        {FILTERS.map((f) => (
          <Tab key={f} value={f} data-testid={`filter-${f}`} aria-label={`${FILTER_LABEL[f]}（${countOf(f)} 条）`}>
            {FILTER_LABEL[f]} {countOf(f)}
          </Tab>
        ))}
      </TabList>
      {groupFilter && (
        <div className={styles.only} data-testid="group-filter" data-group={groupFilter}>
          <Text size={200}>
            只显示 <b>{groupTitle(groupFilter)}</b>
            {groupCounts ? `（${countsText(groupCounts, SEVERITY_LABEL)}）` : ''}
          </Text>
          <Button size="small" appearance="subtle" onClick={() => props.onGroupFilterChange?.(null)} data-testid="group-filter-clear">
            显示全部
          </Button>
        </div>
      )}
      {sections.length === 0 ? (
        <Text className={styles.empty} data-testid="findings-empty">
          {findings.length === 0 ? '未发现问题。' : `没有“${FILTER_LABEL[filter]}”级别的问题${groupFilter ? `（${groupTitle(groupFilter)}）` : ''}。`}
        </Text>
      ) : (
        <Accordion multiple collapsible openItems={openGroups} onToggle={(_, d) => props.onOpenGroupsChange(d.openItems as string[])}>
          {sections.map((id: SectionId) => {
            const items = sectionItems(view, id);
            const sev = id === 'errors' ? 'error' : id === 'rounding' ? 'warning' : items[0].severity;
            return (
              <AccordionItem key={id} value={id} data-testid={`section-${id}`} data-count={items.length}>
                <AccordionHeader size="medium" id={`section-header-${id}`}>
                  <span className={styles.header}>
                    <Text weight="semibold" data-testid="section-title">
                      {sectionTitle(view, id)}
                    </Text>
                    {id === 'rounding' && (
                      <Badge appearance="tint" color={BADGE_COLOR[sev]} size="small" shape="rounded">
                        可不改
                      </Badge>
                    )}
                  </span>
                </AccordionHeader>
                <AccordionPanel className={styles.panel}>
                  {id === 'rounding' && <Text className={styles.note}>{ROUNDING_NOTE}</Text>}
                  <SectionList
                    items={items}
                    selectedIndex={selectedIndex}
                    onActivate={props.onActivate}
                    onSelectCells={props.onSelectCells}
                    labelledBy={`section-header-${id}`}
                  />
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      )}
    </section>
  );
}
