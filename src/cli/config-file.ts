/**
 * budget-check.config.json: the bureau's 审核口径 for `check` and `batch` (format: src/engine/config.ts, docs/cli.md).
 * `--config <file>` names it; otherwise it is looked up from the checked folder (for `check`, the workbook's
 * folder) upward to the file-system root, the first one found is used. A file that cannot be read or is wrong is
 * a UsageError: one Chinese line naming the file and the key (exit 2).
 */
import * as fs from 'fs';
import * as path from 'path';
import { allRules } from '../rules';
import { ConfigError, validateConfig, type EngineConfig } from '../engine';
import { UsageError } from './args';

export const CONFIG_FILE_NAME = 'budget-check.config.json';

/** The first budget-check.config.json from `dir` upward, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const f = path.join(d, CONFIG_FILE_NAME);
    try {
      if (fs.statSync(f).isFile()) return f;
    } catch {
      // not here
    }
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Line and column of a JSON.parse error position, for the message. */
function position(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const at = Number(m[1]);
  const before = text.slice(0, at).split('\n');
  return `（第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列附近）`;
}

/** Reads and validates a configuration file; throws UsageError with one Chinese line. */
export function readConfigFile(file: string): EngineConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `无法读取审核口径配置：找不到文件 ${file}` : `无法读取审核口径配置：${file}（${code ?? '未知原因'}）`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`审核口径配置有误：${file} 不是有效的 JSON${position(text, (e as Error).message)}`);
  }
  try {
    return { ...validateConfig(json, allRules), source: file };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`${e.message}（${file}）`);
    throw e;
  }
}

/** The configuration for a run: --config, else the nearest budget-check.config.json above `dir`, else none. */
export function loadConfig(explicit: string | undefined, dir: string): EngineConfig | undefined {
  if (explicit !== undefined) return readConfigFile(explicit);
  const found = findConfigFile(dir);
  return found ? readConfigFile(found) : undefined;
}
