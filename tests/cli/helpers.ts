import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import path from 'path';
import { TABLE_NAMES, TABLE_ORDINALS } from '../../src/tables/identify';
import { TABLE_IDS } from '../../src/tables/types';

export const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx src/cli/main.ts …` as a child process (node directly, so no npm/npx chatter on stderr). */
export function cli(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [TSX_CLI, path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, BUDGET_CHECK_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The installed launcher, as `npx budget-check` runs it. */
export function bin(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/budget-check.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The npm script of the README: `npm run --silent check -- <file> …`. */
export function npmCheck(args: string[], cwd = ROOT): Run {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '--silent', 'check', '--', ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr is exactly one line of Chinese, without "Error:" or stack frames. */
export function expectOneChineseLine(stderr: string): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
  expect(stderr).not.toMatch(/Error:|^\s*at |\bat .*\(.*:\d+:\d+\)|node:internal|\.ts:\d+/m);
}

/** 13 sheets titled as the template's 13 tables, each carrying 本表无数据: every table found, nothing wrong. */
export async function writeThirteenEmptyTables(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  TABLE_IDS.forEach((id, i) => {
    const ws = wb.addWorksheet(`${i + 1}${TABLE_NAMES[id].replace(/[（(].*$/, '')}`);
    ws.getCell('A1').value = TABLE_ORDINALS[id];
    ws.getCell('A2').value = `2024年${TABLE_NAMES[id]}`;
    ws.getCell('A3').value = '单位名称：测试局';
    ws.getCell('E3').value = '单位：万元';
    ws.getCell('A5').value = '本表无数据';
  });
  await wb.xlsx.writeFile(file);
}

/** A workbook with one unrelated sheet: every table is missing (INPUT.missing_table errors). */
export async function writeNoTables(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').getCell('A1').value = '与预算无关的内容';
  await wb.xlsx.writeFile(file);
}
