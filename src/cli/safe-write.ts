/**
 * The CLI's rules for output files (issue 10, safe writes): an output is never the input by any path, is written
 * to a temporary name beside it and renamed, and a write that fails is one line of Chinese saying why.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isCopyError } from '../xlsx/errors';
import { sameFile, writeFileAtomic } from '../xlsx/safe-file';
import { UsageError } from './args';

export { writeFileAtomic };

/** Refuses (UsageError, exit 2) an output path that is the input file itself, by whatever path or link. */
export function refuseSameFile(input: string, output: string, flag = '--out'): void {
  if (path.resolve(output) === path.resolve(input) || sameFile(input, output)) {
    throw new UsageError(`${flag} 不能是原文件本身（${output}）：原文件不会被改动，请指定另一个文件名`);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** One line of Chinese for a failed write of `output` (what the user can do about it). */
export function writeFailure(output: string, e: unknown, what = '副本'): string {
  if (isCopyError(e)) return (e as Error).message;
  const code = (e as NodeJS.ErrnoException)?.code;
  const dir = path.dirname(path.resolve(output));
  switch (code) {
    case 'ENOTDIR':
      // a path through a file (x.xlsx/copy.xlsx)
      if (!isDirectory(dir) && fs.existsSync(dir)) return `无法写出${what}：${dir} 不是文件夹，请换一个位置（${output}）`;
    // falls through
    case 'ENOENT':
      return `无法写出${what}：文件夹 ${dir} 不存在，请先创建或换一个位置（${output}）`;
    case 'EACCES':
    case 'EPERM':
      return `无法写出${what}：没有写入 ${output} 的权限（文件可能被其他程序占用或设为只读）`;
    case 'EISDIR':
      return `无法写出${what}：${output} 是一个文件夹，请给出文件名`;
    case 'ENOSPC':
      return `无法写出${what}：磁盘空间不足（${output}）`;
    case 'EROFS':
      return `无法写出${what}：${output} 所在的位置只读`;
    case 'ENAMETOOLONG':
      return `无法写出${what}：文件名过长（${output}）`;
  }
  try {
    if (fs.statSync(output).isDirectory()) return `无法写出${what}：${output} 是一个文件夹，请给出文件名`;
  } catch {
    /* not there */
  }
  const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return `无法写出${what}：${output}（${why}）`;
}
