/**
 * How the PDF fidelity suites run the check: a workbook in this process (src/cli/main), a PDF through the built
 * CLI as a process of its own (pdf.js is an ES module that jest's CommonJS runtime cannot import).
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { main, type Io } from '../../src/cli/main';

/** One finding of `check --json` as the fidelity suites compare them. */
export interface CheckFinding {
  rule: string;
  severity: string;
  sheet: string;
  cells: string[];
  actual: string | null;
  expected: string | null;
  message: string;
}

/** The parts of `check --json` the fidelity suites compare (docs/cli.md). */
export interface CheckJson {
  tables: Record<string, { found: boolean; sheet?: string }>;
  performanceTargets: { project?: string; annualTotal: string | null; periodTotal: string | null }[];
  findings: CheckFinding[];
}

/** A finding as compared between a workbook and its PDF: rule, severity and figures (not where it is). */
export const findingKey = (f: CheckFinding): string => `${f.rule} ${f.severity} ${f.actual ?? ''} ${f.expected ?? ''}`;


const ROOT = path.resolve(__dirname, '../..');

/** `budget-check <args>` as a process. */
export function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/budget-check.js'), ...args], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `check <workbook> --json` in this process: its exit status and JSON. */
export async function checkWorkbookJson<J>(file: string): Promise<{ status: number; json: J }> {
  let out = '';
  const io: Io = { out: (t) => void (out += t), err: () => undefined };
  const status = await main(['check', file, '--json'], io);
  return { status, json: JSON.parse(out) as J };
}

/** `check <file.pdf> --json` as a process, which writes nothing on stderr: its exit status and JSON. */
export function checkPdfJson<J>(file: string): { status: number | null; json: J } {
  const r = cli(['check', file, '--json']);
  expect(r.stderr).toBe('');
  return { status: r.status, json: JSON.parse(r.stdout) as J };
}
