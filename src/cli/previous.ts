/** --previous <上年.xlsx> of check and narrative (its own module: check loads it without the narrative writers). */
import * as path from 'path';
import type { CheckOptions } from '../engine';
import { openWorkbookFile } from '../xlsx/open';
import { UsageError } from './args';

/**
 * --previous <上年.xlsx> (and --change-threshold): last year's published workbook, read like the input; it must
 * not be the input itself (a clerk who picks the same file twice would get "与上年相同" everywhere).
 */
export async function previousOption(cmd: { file: string; previous?: string; changeThreshold?: number }): Promise<CheckOptions['previous']> {
  if (!cmd.previous) return undefined;
  if (path.resolve(cmd.previous) === path.resolve(cmd.file)) throw new UsageError(`--previous 应是上年公开的工作簿，不能是本年文件本身（${cmd.previous}）`);
  const snapshot = await openWorkbookFile(cmd.previous);
  return { snapshot, file: path.basename(cmd.previous), changeThreshold: cmd.changeThreshold };
}
