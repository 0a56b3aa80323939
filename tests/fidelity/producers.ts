/**
 * The other producers of the fidelity suite (issue 10): openpyxl (Debian's /usr/bin/python3 with python3-openpyxl)
 * and LibreOffice headless (`soffice`, Debian libreoffice-calc-nogui). Suites using this live in tests/fidelity/,
 * which jest leaves out, with one sentence, when either program is missing (tests/helpers/test-env.js).
 *
 * LibreOffice takes seconds per conversion on a shared machine, so conversions are batched (one soffice run for
 * many files) and cached by the sha256 of the input under node_modules/.cache/budget-fidelity: the same bytes in,
 * the same file out, never a stale result for changed bytes.
 */
import { spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const PRODUCERS = path.join(__dirname, 'producers');
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const SOFFICE = fs.existsSync('/usr/bin/soffice') ? '/usr/bin/soffice' : 'soffice';
const CACHE = path.join(ROOT, 'node_modules/.cache/budget-fidelity');

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Runs one of the producers/*.py scripts; throws with its stderr when it fails. */
export function python(script: string, args: string[]): string {
  const r = spawnSync(PYTHON, [path.join(PRODUCERS, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export interface SheetFeatures {
  dataValidations: string[][];
  conditionalFormats: string[][];
  ourConditionalFormats: number;
  notes: Record<string, string>;
  ourNotes: string[];
  merged: string[];
  protected: boolean;
  protectionPassword: string | null;
  print: Record<string, string | boolean | null>;
  charts: number;
  tables: string[][];
  pivots: number;
  state: string;
  values: Record<string, string | number | boolean>;
}
export interface Features {
  sheets: string[];
  /** [name, the sheet of a sheet-scoped name (null: the workbook), reference, hidden] */
  definedNames: [string, string | null, string, boolean][];
  ourDefinedNames: number;
  workbookProtection: boolean;
  warnings: string[];
  sheet: Record<string, SheetFeatures>;
  package: {
    customProperties: Record<string, string>;
    threadedComments: number;
    persons: number;
    media: number;
    pivotCaches: number;
    pivotTables: number;
    charts: number;
    sparklines: number;
  };
}

/** What openpyxl reads in each file (a full load and every row iterated): producers/features.py. */
export function features(files: string[]): Record<string, Features> {
  return JSON.parse(python('features.py', files)) as Record<string, Features>;
}

/**
 * LibreOffice converts each file to `format` (e.g. 'ods', 'csv', 'xlsx', 'fods'); returns the converted paths,
 * written to `outDir` as <name>.<ext of format>. Throws when soffice fails or a file did not come out (LibreOffice
 * exits 0 even when it cannot load a file, so the output's presence is what tells). `infilter`: how to open the
 * files (e.g. 'HTML (StarWriter)': an HTML page in Writer, printed as a document, not as a web page).
 */
export function soffice(files: string[], format: string, outDir: string, infilter?: string): string[] {
  const ext = format.split(':')[0];
  fs.mkdirSync(outDir, { recursive: true });
  fs.mkdirSync(CACHE, { recursive: true });
  const outs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${ext}`));
  const keys = files.map((f) => `${sha256(f)}.${`${infilter ?? ''}${format}`.replace(/[^a-z0-9]/gi, '_')}.${ext}`);
  const todo = files.filter((_f, i) => !fs.existsSync(path.join(CACHE, keys[i])));
  if (todo.length) {
    // Its own profile: soffice instances sharing one profile wait for each other or fail.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-lo-profile-'));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-lo-out-'));
    try {
      const how = infilter ? [`--infilter=${infilter}`] : [];
      const r = spawnSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...how, '--convert-to', format, '--outdir', work, ...todo], {
        encoding: 'utf8',
        timeout: 600_000,
      });
      if (r.status !== 0) throw new Error(`soffice --convert-to ${format} failed (${r.status}): ${r.stderr}`);
      for (const f of todo) {
        const got = path.join(work, `${path.basename(f, path.extname(f))}.${ext}`);
        if (!fs.existsSync(got) || fs.statSync(got).size === 0) throw new Error(`soffice did not convert ${f} to ${format}: ${r.stdout} ${r.stderr}`);
        fs.copyFileSync(got, path.join(CACHE, keys[files.indexOf(f)]));
        fs.rmSync(got);
      }
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  files.forEach((_f, i) => fs.copyFileSync(path.join(CACHE, keys[i]), outs[i]));
  return outs;
}

/** Two files with the same base name cannot share one soffice run's output folder: give each its own name. */
export function uniqueCopies(files: string[], dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return files.map((f, i) => {
    const to = path.join(dir, `${i}-${path.basename(f)}`);
    fs.copyFileSync(f, to);
    return to;
  });
}
