/**
 * The frame both previews sit in (the sheet preview and the PDF page view): one bordered column filling the
 * result pane, so that a workbook and a PDF look the same beside the findings.
 */
import { tokens } from '@fluentui/react-components';

export const previewFrame = {
  display: 'flex',
  flexDirection: 'column',
  minHeight: 0,
  minWidth: 0,
  height: '100%',
  border: `1px solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusMedium,
  overflow: 'hidden',
  backgroundColor: tokens.colorNeutralBackground1,
} as const;
