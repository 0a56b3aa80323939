import { useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
  Radio,
  RadioGroup,
  Field,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { CellFix } from '../model/finding';
import { groupDigits } from '../format/labels';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  scroll: { maxHeight: '260px', overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground1 },
  table: { tableLayout: 'fixed', width: '100%' },
  cellCol: { width: '38%' },
  arrow: { width: '1.5em', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  over: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  numHead: { '& > div, & > button': { justifyContent: 'flex-end' } },
  cellText: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  buttons: { display: 'flex', columnGap: tokens.spacingHorizontalS },
});

export type AutoFillMode = 'blank' | 'overwrite';

export interface AutoFillPreviewProps {
  mode: AutoFillMode;
  onModeChange(mode: AutoFillMode): void;
  /** Cells to be written, with their value now and the value to write. */
  fixes: CellFix[];
  /** Fixes not applied and why (formula cell, or a filled cell while only blanks are filled). */
  skipped: { fix: CellFix; reason: string }[];
  /** Computing the preview or writing the workbook. */
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * 自动填充合计: which cells would be written (单元格, 原值 → 新值), blank-only or overwrite, then 确认. Overwriting
 * filled cells needs an explicit confirmation (a checkbox naming how many published figures change) before 确认;
 * 舍位 differences are never overwritten (src/fixes/autofill.ts).
 */
export function AutoFillPreview(props: AutoFillPreviewProps) {
  const { mode, fixes, skipped, busy } = props;
  const styles = useStyles();
  const overwritten = fixes.filter((f) => f.previous !== '').length;
  const needsConfirm = overwritten > 0;
  const [confirmed, setConfirmed] = useState(false);
  // A new preview (mode or cells changed) needs a new confirmation.
  const signature = fixes.map((f) => `${f.sheet}!${f.cell}=${f.value}`).join('|');
  useEffect(() => setConfirmed(false), [signature, mode]);
  return (
    <section className={styles.root} aria-labelledby="autofill-heading" data-testid="autofill">
      <h2 id="autofill-heading" className={styles.heading} tabIndex={-1}>
        自动填充合计
      </h2>
      <Field label="填充范围">
        <RadioGroup value={mode} onChange={(_, d) => props.onModeChange(d.value as AutoFillMode)}>
          <Radio value="blank" label="只填空白单元格" data-testid="autofill-mode-blank" />
          <Radio value="overwrite" label="同时覆盖错误数值（舍位差异不覆盖）" data-testid="autofill-mode-overwrite" />
        </RadioGroup>
      </Field>
      {busy ? (
        <Spinner size="small" label="正在计算…" />
      ) : fixes.length === 0 ? (
        <Text data-testid="autofill-empty">
          {mode === 'blank' ? '没有可填充的空白合计单元格。' : '没有可自动计算的合计单元格。'}
        </Text>
      ) : (
        <>
          <Text>
            将写入 {fixes.length} 个单元格{overwritten ? `，其中 ${overwritten} 个会覆盖原有数值` : ''}：
          </Text>
          <div className={styles.scroll} tabIndex={0} role="group" aria-label="填充预览">
            <Table size="extra-small" className={styles.table} aria-label="填充预览" data-testid="autofill-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.cellCol}>单元格</TableHeaderCell>
                  <TableHeaderCell className={mergeClasses(styles.num, styles.numHead)}>原值</TableHeaderCell>
                  <TableHeaderCell className={styles.arrow} aria-label="改为">→</TableHeaderCell>
                  <TableHeaderCell className={mergeClasses(styles.num, styles.numHead)}>新值</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {fixes.map((f) => (
                  <TableRow key={`${f.sheet}!${f.cell}`} data-testid="autofill-row">
                    <TableCell className={styles.cellText}>
                      {f.sheet}!{f.cell}
                    </TableCell>
                    <TableCell className={styles.num}>{f.previous === '' ? <span className={styles.muted}>空</span> : groupDigits(f.previous)}</TableCell>
                    <TableCell className={styles.arrow}>→</TableCell>
                    <TableCell className={mergeClasses(styles.num, f.previous !== '' && styles.over)} data-testid="autofill-new">
                      {groupDigits(f.value)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
      {!busy && skipped.length > 0 && (
        <Text size={200} className={styles.muted} data-testid="autofill-skipped">
          另有 {skipped.length} 个单元格未填：
          {[...new Set(skipped.map((s) => s.reason))].join('；')}。
        </Text>
      )}
      {!busy && needsConfirm && (
        <Checkbox
          checked={confirmed}
          onChange={(_, d) => setConfirmed(!!d.checked)}
          label={`我已逐一核对上表，确认把 ${overwritten} 个已有数值改为新值`}
          data-testid="autofill-confirm-check"
        />
      )}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={busy || fixes.length === 0 || (needsConfirm && !confirmed)}
          onClick={props.onConfirm}
          data-testid="autofill-confirm"
        >
          确认
        </Button>
        <Button onClick={props.onCancel} disabled={busy} data-testid="autofill-cancel">
          取消
        </Button>
      </div>
    </section>
  );
}
