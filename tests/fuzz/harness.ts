/**
 * The fuzzing harness shared by the fuzz test files: base workbooks, one case by its number, and what a proper
 * result looks like. Case i of the snapshot cases uses Rng(SEED + i), of the file cases Rng(SEED * 7 + i).
 */
import fs from 'fs';
import path from 'path';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { check as checkWorkbook, type CheckResult } from '../../src/engine';
import { toJson, toText } from '../../src/cli/report';
import { isUnreadableWorkbookError } from '../../src/xlsx/errors';
import { readWorkbookFile } from '../../src/xlsx/read';
import { FILE_MUTATIONS, FILE_MUTATION_NAMES, Mutable, mutateSnapshot, Rng } from './mutate';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
export const SEED = 20240115;

const A1 = /^\$?[A-Z]{1,3}\$?[1-9]\d*(:\$?[A-Z]{1,3}\$?[1-9]\d*)?$/;
export const CJK = /[\u4e00-\u9fff]/;

/** What is wrong with a result (empty when it is a proper findings list); the CLI's renderings must not throw. */
export function problems(wb: WorkbookSnapshot, res: CheckResult): string[] {
  const out: string[] = [];
  if (!Array.isArray(res.findings)) return ['findings is not an array'];
  for (const f of res.findings) {
    const id = `${f?.rule} @ ${f?.sheet}!${f?.cells?.join(',')}`;
    if (typeof f.rule !== 'string' || !/^[A-Z][\w.-]*$/.test(f.rule)) out.push(`bad rule: ${id}`);
    if (!['error', 'warning', 'info'].includes(f.severity)) out.push(`bad severity ${f.severity}: ${id}`);
    if (typeof f.message !== 'string' || !CJK.test(f.message)) out.push(`message not Chinese: ${id}: ${f.message}`);
    // (NaN and Infinity may be cell texts the fuzzer wrote, quoted or not; expected/actual are checked below)
    else if (/undefined|\[object Object\]/.test(f.message)) out.push(`message leaks a program value: ${id}: ${f.message.slice(0, 200)}`);
    if (typeof f.sheet !== 'string') out.push(`sheet not a string: ${id}`);
    else if (f.sheet && !wb.sheets.some((s) => s.name === f.sheet)) out.push(`unknown sheet "${f.sheet}": ${id}`);
    if (!Array.isArray(f.cells) || f.cells.some((c) => typeof c !== 'string' || !A1.test(c))) out.push(`bad cells ${JSON.stringify(f.cells)}: ${id}`);
    for (const k of ['expected', 'actual'] as const) {
      const v = f[k];
      if (v !== undefined && typeof v !== 'string') out.push(`${k} not a string: ${id}`);
      if (typeof v === 'string' && /^-?(NaN|Infinity)$/.test(v) && f.rule !== 'INPUT.not_a_number') out.push(`${k} is ${v}: ${id}`);
    }
    for (const r of f.related ?? []) {
      if (typeof r.sheet !== 'string' || !Array.isArray(r.cells) || r.cells.some((c) => typeof c !== 'string' || !A1.test(c))) out.push(`bad related ${JSON.stringify(r)}: ${id}`);
    }
  }
  JSON.parse(JSON.stringify(toJson(wb.name, res)));
  if (!/结果：/.test(toText(wb.name, res))) out.push('text report without its summary line');
  return out;
}

export function firstLine(e: unknown): string {
  const err = e as Error;
  const at = (err?.stack ?? '').split('\n').find((l) => /src[\\/]/.test(l)) ?? '';
  return `${err?.name ?? 'Error'}: ${String(err?.message ?? e).slice(0, 300)} ${at.trim()}`;
}

export interface Base {
  name: string;
  wb: WorkbookSnapshot;
}

export async function loadBases(): Promise<Base[]> {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort();
  const bases: Base[] = [];
  for (const f of files) bases.push({ name: f, wb: await readWorkbookFile(path.join(FIXTURES, f)) });
  return bases;
}

/**
 * The big fixtures carry 40–60 target forms (one sheet each, or all stacked on one sheet); most cases keep the
 * 13 tables and a few forms, so that the mutations land on the tables as often as on the forms and 900 cases
 * stay fast. The full workbook comes up in one case out of ten.
 */
function trimmed(wb: WorkbookSnapshot, rng: Rng): { wb: WorkbookSnapshot; step?: string } {
  if (rng.chance(0.1)) return { wb };
  let out = wb;
  const steps: string[] = [];
  if (wb.sheets.length > 20) {
    const keep = rng.int(2, 5);
    const rest = rng.shuffle(wb.sheets.slice(14)).slice(0, keep).sort((a, b) => a.index - b.index);
    out = { name: wb.name, sheets: [...wb.sheets.slice(0, 14), ...rest] };
    steps.push(`trimmed(${wb.sheets.length}→${14 + rest.length} sheets)`);
  }
  const long = out.sheets.map((s, i) => [s, i] as const).filter(([s]) => s.rowCount > 300);
  if (long.length) {
    const m = new Mutable(out);
    for (const [s, i] of long) {
      const n = rng.int(120, 300);
      m.sheet(i).rows.length = n;
      steps.push(`trimmed(${s.name} ${s.rowCount}→${n} rows)`);
    }
    out = m.finish();
  }
  return { wb: out, step: steps.join(' ; ') || undefined };
}

export interface CaseResult {
  what: string;
  failure?: string;
  errors?: boolean;
  rules?: string[];
}

/** Snapshot case i: a base, trimmed, 1–4 mutations, through the engine. */
export function snapshotCase(i: number, bases: Base[]): CaseResult {
  const rng = new Rng(SEED + i);
  const base = rng.pick(bases);
  const t = trimmed(base.wb, rng);
  const { wb, steps } = mutateSnapshot(t.wb, rng);
  const what = `s${i} ${base.name} ${[t.step, ...steps].filter(Boolean).join(' ; ')}`;
  try {
    const res = checkWorkbook(wb);
    const p = problems(wb, res);
    return { what, failure: p.length ? `${what}\n    ${p.slice(0, 5).join('\n    ')}` : undefined, errors: res.findings.some((f) => f.severity === 'error'), rules: res.findings.map((f) => f.rule) };
  } catch (e) {
    return { what, failure: `${what}\n    CRASH ${firstLine(e)}` };
  }
}

export interface FileCase {
  id: string;
  file: string;
  what: string;
  /** As the reader and engine saw it in-process. */
  outcome?: 'unreadable' | 'ok';
  reason?: string;
}

/** File case i: a small fixture's bytes, corrupted, written under `dir`, read and checked. */
export async function fileCase(i: number, dir: string, bytes: Map<string, Buffer>): Promise<FileCase & { failure?: string }> {
  const id = `f${i}`;
  const rng = new Rng(SEED * 7 + i);
  const baseName = rng.pick([...bytes.keys()].sort());
  // every mutation comes up in turn; the 0-byte file once is enough
  const others = FILE_MUTATION_NAMES.filter((n) => n !== 'empty');
  const kind = i === 0 ? 'empty' : others[(i - 1) % others.length];
  const { bytes: out, step } = await FILE_MUTATIONS[kind](bytes.get(baseName)!, rng);
  const file = path.join(dir, `${id}-${kind}.xlsx`);
  fs.writeFileSync(file, out);
  const fc: FileCase = { id, file, what: `${id} ${baseName} ${step}` };
  let wb: WorkbookSnapshot;
  try {
    wb = await readWorkbookFile(file);
  } catch (e) {
    fc.outcome = 'unreadable';
    if (!isUnreadableWorkbookError(e)) return { ...fc, failure: `${fc.what}\n    reader threw ${firstLine(e)}` };
    fc.reason = e.reason;
    if (!/^无法读取文件：/.test(e.message) || /\n/.test(e.message)) return { ...fc, failure: `${fc.what}\n    message: ${e.message}` };
    return fc;
  }
  try {
    const res = checkWorkbook(wb);
    fc.outcome = 'ok';
    const p = problems(wb, res);
    return p.length ? { ...fc, failure: `${fc.what}\n    ${p.slice(0, 5).join('\n    ')}` } : fc;
  } catch (e) {
    return { ...fc, failure: `${fc.what}\n    CRASH ${firstLine(e)}` };
  }
}
