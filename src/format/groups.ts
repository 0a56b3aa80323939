import { TABLE_ORDINALS } from '../tables/identify';
import type { TableId } from '../tables/types';
import type { Finding } from '../model/finding';

/** Order and Chinese titles of the groups findings are listed under (text output, reports, task pane). */
export const GROUP_ORDER = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13', 'P', 'N', 'INPUT'];

export function groupOf(f: Finding): string {
  if (f.table && GROUP_ORDER.includes(f.table)) return f.table;
  const head = f.rule.split('.')[0];
  if (head === 'P' || head === 'N' || head === 'INPUT') return head;
  const m = /^X\.(T\d+)/.exec(f.rule) ?? /^(T\d+)/.exec(f.rule);
  return m ? m[1] : 'INPUT';
}

export function groupTitle(f: Finding | string): string {
  const g = typeof f === 'string' ? f : groupOf(f);
  if (g === 'P') return '绩效目标表';
  if (g === 'N') return '情况说明';
  if (g === 'INPUT') return '输入问题';
  return TABLE_ORDINALS[g as TableId] ?? g;
}
