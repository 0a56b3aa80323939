/** Chinese words the pane shows for engine values (the same words the CLI report and the annotated copy use). */
import type { Severity } from '../model/finding';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提示', info: '信息' };

export type SeverityFilter = 'all' | Severity;

export const FILTER_LABEL: Record<SeverityFilter, string> = { all: '全部', ...SEVERITY_LABEL };

export const FILTERS: SeverityFilter[] = ['all', 'error', 'warning', 'info'];

/** "表三!C13" — how a cell is written in the pane, the report and aria labels. */
export function cellLabel(sheet: string, cell: string | undefined): string {
  if (!sheet) return '';
  return cell ? `${sheet}!${cell}` : sheet;
}

/** A message for an exception from the host or the engine, in Chinese, never empty. */
export function errorText(prefix: string, e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const detail = raw && raw.trim() ? `（${raw.trim()}）` : '';
  return `${prefix}${detail}`;
}

/** "1234567.8" → "1,234,567.8" for a plain decimal string (text, and "≤ 100" style bounds, pass unchanged). */
export function groupDigits(value: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!m) return value;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}
