import type { ReactNode } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  CalculatorRegular,
  EraserRegular,
  HighlightRegular,
} from '@fluentui/react-icons';
import { ExportMenu } from '../lazy-results';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  button: { minWidth: 0, justifyContent: 'flex-start', whiteSpace: 'nowrap' },
});

/** csv/html: a file (by the host's route, src/ui/delivery.ts); sheet: the 校验报告 sheet of the workbook. */
export type ReportKind = 'csv' | 'html' | 'sheet';

export interface ActionBarProps {
  /** No check has run yet: only 清除标记 is possible. */
  hasResult: boolean;
  busy: boolean;
  onAutoFill(): void;
  onAnnotate(): void;
  onClear(): void;
  onExport(kind: ReportKind): void;
  /** Further actions (生成情况说明 will go here). */
  extra?: ReactNode;
}

/** The actions after a check: 自动填充合计, 标记到工作表, 清除标记, 导出校验报告. */
export function ActionBar({ hasResult, busy, onAutoFill, onAnnotate, onClear, onExport, extra }: ActionBarProps) {
  const styles = useStyles();
  const exportButton = (
    <Button className={styles.button} icon={<ArrowDownloadRegular />} disabled={busy || !hasResult} data-testid="export-button">
      导出校验报告
    </Button>
  );
  return (
    <div className={styles.root} role="toolbar" aria-label="操作">
      <Button
        className={styles.button}
        icon={<CalculatorRegular />}
        disabled={busy || !hasResult}
        onClick={onAutoFill}
        data-testid="autofill-button"
      >
        自动填充合计
      </Button>
      <Button
        className={styles.button}
        icon={<HighlightRegular />}
        disabled={busy || !hasResult}
        onClick={onAnnotate}
        data-testid="annotate-button"
      >
        标记到工作表
      </Button>
      <Button className={styles.button} icon={<EraserRegular />} disabled={busy} onClick={onClear} data-testid="clear-button">
        清除标记
      </Button>
      {hasResult ? <ExportMenu trigger={exportButton} onExport={onExport} placeholder={exportButton} /> : exportButton}
      {extra}
    </div>
  );
}
