/** 下载: the files the page builds from the checked workbook (each button waits with a spinner while it builds). */
import type { ReactElement } from 'react';
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import {
  CalculatorRegular,
  DocumentTableRegular,
  DocumentTextRegular,
  DocumentRegular,
  GlobeRegular,
  HighlightRegular,
} from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  button: { minWidth: 0, justifyContent: 'flex-start', whiteSpace: 'nowrap', overflow: 'hidden' },
});

export type DownloadKind = 'annotated' | 'autofill' | 'docx' | 'md' | 'html' | 'csv';

const ACTIONS: { kind: DownloadKind; label: string; title: string; icon: ReactElement }[] = [
  { kind: 'annotated', label: '带标注的工作簿', title: '下载原工作簿的副本：问题单元格加底色和批注，并附“校验结果”工作表', icon: <HighlightRegular /> },
  { kind: 'autofill', label: '自动填充合计…', title: '预览可自动计算的合计，确认后下载填充后的工作簿', icon: <CalculatorRegular /> },
  { kind: 'docx', label: '情况说明（Word）', title: '根据表格生成第三部分 情况说明（.docx）', icon: <DocumentTextRegular /> },
  { kind: 'md', label: '情况说明（文本）', title: '根据表格生成第三部分 情况说明（Markdown 文本，.md）', icon: <DocumentRegular /> },
  { kind: 'html', label: '校验报告（网页）', title: '下载校验报告（HTML，可用浏览器打开和打印）', icon: <GlobeRegular /> },
  { kind: 'csv', label: '校验报告（CSV）', title: '下载校验报告（CSV，可用 Excel 或 WPS 打开）', icon: <DocumentTableRegular /> },
];

/** A checked PDF: its annotated copy is a PDF, and a printed file has no totals to fill in. */
const PDF_ANNOTATED = { label: '带标注的 PDF', title: '下载原 PDF 的副本：问题数字加方框和编号，末尾附校验结果页' };

export interface DownloadBarProps {
  /** The checked file is a PDF. */
  pdf?: boolean;
  /** The download being built (its button shows a spinner). */
  busy: string | null;
  disabled: boolean;
  onDownload(kind: DownloadKind): void;
}

export function DownloadBar({ pdf, busy, disabled, onDownload }: DownloadBarProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="downloads-heading">
      <h2 id="downloads-heading" className={styles.heading}>
        下载
      </h2>
      <div className={styles.grid} role="toolbar" aria-label="下载">
        {ACTIONS.filter((a) => !(pdf && a.kind === 'autofill'))
          .map((a) => (pdf && a.kind === 'annotated' ? { ...a, ...PDF_ANNOTATED } : a))
          .map((a) => (
          <Button
            key={a.kind}
            className={styles.button}
            icon={busy === a.kind ? <Spinner size="extra-tiny" /> : a.icon}
            disabled={disabled}
            title={a.title}
            onClick={() => onDownload(a.kind)}
            data-testid={`download-${a.kind}`}
          >
            {a.label}
          </Button>
        ))}
      </div>
    </section>
  );
}
