/**
 * batch --notices <dir>: one correction notice (.docx, src/docx/notice.ts) per department of the batch, named
 * NNN-部门名称.docx (the file name when no 部门名称 was read), with its 错误 and 提示, the round and the comparison
 * with the earlier round when there was one. Each file is written whole (temp file + rename).
 */
import * as fs from 'fs';
import * as path from 'path';
import { noticeDocx, type NoticeData, type NoticeItem } from '../../docx/notice';
import { WORKBOOK_FILE_RE } from '../../xlsx/open';
import { UsageError } from '../args';
import type { BatchRow, BatchSummary } from '../batch-report';
import type { RowFinding } from './compare';

function item(f: RowFinding): NoticeItem {
  return {
    table: f.table,
    where: [f.sheet, f.cells.join('、')].filter(Boolean).join(' '),
    title: f.title,
    message: f.message,
    ...(f.expected !== null ? { expected: f.expected } : {}),
    ...(f.actual !== null ? { actual: f.actual } : {}),
  };
}

/** A file-name-safe form of a department name. */
function safeName(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what must not reach a file name
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 60) || '部门';
}

export function noticeData(r: BatchRow, round: number, date: string): NoticeData {
  return {
    department: r.departmentFound ? r.department : `${r.department}（${r.file}）`,
    file: r.file,
    round,
    date,
    errors: r.findings.filter((f) => f.severity === 'error').map(item),
    warnings: r.findings.filter((f) => f.severity === 'warning').map(item),
    ...(r.status !== 'ok' ? { unreadable: (r.reason ?? '').replace(/[。.]$/, '') } : {}),
    ...(r.comparison ? { comparison: { fixed: r.comparison.fixed, new: r.comparison.new, remaining: r.comparison.remaining } } : {}),
  };
}

/** Writes every notice; returns the paths written. A folder that cannot be made is a UsageError (exit 2). */
export async function writeNotices(dir: string, s: BatchSummary): Promise<string[]> {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`无法写出整改通知：不能创建文件夹 ${dir}（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`);
  }
  const d = new Date();
  const date = `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
  const width = Math.max(3, String(s.workbooks.length).length);
  const out: string[] = [];
  for (const [i, r] of s.workbooks.entries()) {
    const name = r.departmentFound ? r.department : path.basename(r.file).replace(WORKBOOK_FILE_RE, '');
    const file = path.join(dir, `${String(i + 1).padStart(width, '0')}-${safeName(name)}.docx`);
    const bytes = await noticeDocx(noticeData(r, s.round, date));
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new UsageError(`无法写出整改通知：${file}（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`);
    }
    out.push(file);
  }
  return out;
}
