import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Finding } from '../model/finding';
import { countSeverities, groupFindings } from '../format/findings-view-model';
import { FILTERS, FILTER_LABEL, SEVERITY_LABEL, type SeverityFilter } from '../format/labels';
import { BADGE_COLOR, FindingItem } from './FindingItem';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  tabs: { flexWrap: 'wrap' },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: '2px' },
  header: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  panel: { margin: `0 0 ${tokens.spacingVerticalS}` },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalS },
});

export interface FindingsListProps {
  findings: Finding[];
  filter: SeverityFilter;
  onFilterChange(filter: SeverityFilter): void;
  /** Groups shown open (T1…, P, N, INPUT). */
  openGroups: string[];
  onOpenGroupsChange(groups: string[]): void;
  selectedIndex: number | null;
  onActivate(finding: Finding, index: number): void;
  onSelectCells(sheet: string, cells: string[]): void;
}

/** The findings grouped by table, filterable by severity; groups collapse, items select their cell. */
export function FindingsList(props: FindingsListProps) {
  const { findings, filter, openGroups, selectedIndex } = props;
  const styles = useStyles();
  const counts = countSeverities(findings);
  const countOf = (f: SeverityFilter) => (f === 'all' ? findings.length : counts[f]);
  const groups = groupFindings(findings, filter);
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
      {groups.length === 0 ? (
        <Text className={styles.empty} data-testid="findings-empty">
          {findings.length === 0 ? '未发现问题。' : `没有“${FILTER_LABEL[filter]}”级别的问题。`}
        </Text>
      ) : (
        <Accordion
          multiple
          collapsible
          openItems={openGroups}
          onToggle={(_, d) => props.onOpenGroupsChange(d.openItems as string[])}
        >
          {groups.map((g) => (
            <AccordionItem key={g.id} value={g.id} data-testid={`group-${g.id}`} data-count={g.items.length}>
              <AccordionHeader size="medium" id={`group-header-${g.id}`}>
                <span className={styles.header}>
                  <Text weight="semibold" data-testid="group-title">
                    {g.title}
                  </Text>
                  {(['error', 'warning', 'info'] as const)
                    .filter((sev) => g.counts[sev] > 0)
                    .map((sev) => (
                      <Badge key={sev} appearance="tint" color={BADGE_COLOR[sev]} size="small" shape="rounded">
                        {SEVERITY_LABEL[sev]} {g.counts[sev]}
                      </Badge>
                    ))}
                </span>
              </AccordionHeader>
              <AccordionPanel className={styles.panel}>
                <ul className={styles.list} aria-labelledby={`group-header-${g.id}`}>
                  {g.items.map(({ finding, index }) => (
                    <FindingItem
                      key={index}
                      finding={finding}
                      index={index}
                      selected={selectedIndex === index}
                      onActivate={props.onActivate}
                      onSelectCells={props.onSelectCells}
                    />
                  ))}
                </ul>
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
    </section>
  );
}
