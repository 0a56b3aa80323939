/**
 * The fidelity suite's copies of one workbook: `check --out` and `check --fix --out` through the CLI (in-process,
 * main() with a captured Io), the sha256 of the input before, and the listing of changed and added entries the
 * package patch makes for the same findings (the engine and patch the CLI runs), to check the copies against.
 */
import fs from 'fs';
import JSZip from 'jszip';
import path from 'path';
import { autoFill, check } from '../../src/engine';
import { main, type Io } from '../../src/cli/main';
import { patchWorkbook } from '../../src/xlsx/patch';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import type { Listing } from './diff';
import { sha256, type Features } from './producers';

export interface Run {
  code: number;
  out: string;
  err: string[];
}
export async function cli(args: string[]): Promise<Run> {
  let out = '';
  const err: string[] = [];
  const io: Io = { out: (t) => void (out += t), err: (l) => void err.push(l) };
  const code = await main(args, io);
  return { code, out, err };
}

/** Sheet name → part name, from the workbook and its relationships. */
export async function sheetParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])![1].replace(/&amp;/g, '&');
    const rid = /r:id="([^"]+)"/.exec(m[0])![1];
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((r) => r[0]).find((r) => r.includes(`Id="${rid}"`))!;
    const target = /Target="([^"]+)"/.exec(rel)![1];
    out.set(name, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return out;
}

export interface Made {
  name: string;
  file: string;
  out: string;
  fix: string;
  shaBefore: string;
  outRun: Run;
  fixRun: Run;
  outListing: Listing;
  fixListing: Listing;
  /** Part → cells auto-filled in it (the --fix copy). */
  fixedCells: Map<string, string[]>;
  fixes: { sheet: string; cell: string; value: string }[];
  markedSheets: Set<string>;
}


/** Writes <dir>/<name>.out.xlsx and <name>.fix.xlsx from `file` and returns what the tests need. */
export async function makeCopies(file: string, dir: string): Promise<Made> {
  const name = path.basename(file, '.xlsx');
  const out = path.join(dir, `${name}.out.xlsx`);
  const fix = path.join(dir, `${name}.fix.xlsx`);
  const shaBefore = sha256(file);
  const outRun = await cli(['check', file, '--out', out]);
  const fixRun = await cli(['check', file, '--fix', '--out', fix]);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const wb = await readWorkbookBuffer(bytes, path.basename(file));
  const { findings } = check(wb);
  const { report: outReport } = await patchWorkbook(bytes, findings, [], { displayName: path.basename(file) });
  const filled = autoFill(await readWorkbookBuffer(bytes, path.basename(file)));
  const { report: fixReport } = await patchWorkbook(bytes, filled.remaining.findings, filled.result.applied, { displayName: path.basename(file) });
  const parts = await sheetParts(bytes);
  const fixedCells = new Map<string, string[]>();
  for (const f of fixReport.fixesWritten) {
    const part = parts.get(f.sheet)!;
    fixedCells.set(part, [...(fixedCells.get(part) ?? []), f.cell]);
  }
  return {
    name,
    file,
    out,
    fix,
    shaBefore,
    outRun,
    fixRun,
    outListing: { changed: outReport.changed, added: outReport.added },
    fixListing: { changed: fixReport.changed, added: fixReport.added },
    fixedCells,
    fixes: fixReport.fixesWritten.map((f) => ({ sheet: f.sheet, cell: f.cell, value: f.value })),
    markedSheets: new Set(findings.filter((f) => f.sheet && f.cells.length && wb.sheets.some((s) => s.name === f.sheet)).map((f) => f.sheet!)),
  };
}

/** The user's part of a workbook's features: the product's own additions left out. */
export function userPart(f: Features, sheets: string[]) {
  return {
    definedNames: f.definedNames,
    workbookProtection: f.workbookProtection,
    package: f.package,
    sheet: Object.fromEntries(
      sheets.map((s) => {
        const { ourConditionalFormats: _c, ourNotes: _n, values: _v, ...rest } = f.sheet[s];
        return [s, rest];
      }),
    ),
  };
}


/** The cell values openpyxl read in an --fix copy must be the original's, with the filled cells' new values. */
export function valuesAfterFix(orig: Features, sheet: string, m: Made): Features['sheet'][string]['values'] {
  const want = { ...orig.sheet[sheet].values };
  for (const x of m.fixes.filter((x) => x.sheet === sheet)) want[x.cell] = Number(x.value);
  return want;
}
