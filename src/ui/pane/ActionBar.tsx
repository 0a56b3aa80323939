import type { ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  CalculatorRegular,
  EraserRegular,
  HighlightRegular,
} from '@fluentui/react-icons';

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
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button
            className={styles.button}
            icon={<ArrowDownloadRegular />}
            disabled={busy || !hasResult}
            data-testid="export-button"
          >
            导出校验报告
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={() => onExport('csv')} data-testid="export-csv">
              CSV（用 Excel 打开）
            </MenuItem>
            <MenuItem onClick={() => onExport('html')} data-testid="export-html">
              网页（HTML，可打印）
            </MenuItem>
            <MenuItem onClick={() => onExport('sheet')} data-testid="export-sheet">
              写入工作表“校验报告”
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {extra}
    </div>
  );
}
