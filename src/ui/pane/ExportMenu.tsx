/**
 * 导出校验报告's menu (CSV, HTML, 写入工作表). Only shown once there is a result, so it lives in the "results"
 * chunk with Fluent's Menu and its positioning (src/ui/lazy-results.tsx); the ActionBar shows the bare button
 * before that.
 */
import type { ReactElement, ReactNode } from 'react';
import { Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import type { ReportKind } from './ActionBar';

export interface ExportMenuProps {
  /** The 导出校验报告 button that opens the menu. */
  trigger: ReactElement;
  onExport(kind: ReportKind): void;
  /** Shown while the menu's code loads (the ActionBar passes the same button). */
  placeholder?: ReactNode;
}

export function ExportMenu({ trigger, onExport }: ExportMenuProps) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>{trigger}</MenuTrigger>
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
  );
}
