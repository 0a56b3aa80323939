/**
 * The architecture, as a test: imports only point down the layer list of the README, no adapter imports another,
 * no front end imports another, and the engine (model … engine) imports no Office.js, WPS, React, ExcelJS, SheetJS
 * or docx — nor any I/O module.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../src');

/** Lowest first. Folders of one layer are peers: they may not import each other. */
const LAYERS: string[][] = [
  ['model'],
  ['tables'],
  ['rules'],
  ['fixes'],
  ['narrative'],
  ['engine'],
  ['format'],
  ['excel', 'wps', 'xlsx', 'docx', 'pdf'],
  ['ui'],
  ['taskpane', 'web', 'cli'],
];
/** Layers 0..ENGINE_TOP are the engine. */
const ENGINE_TOP = 5;
/** Front-end entries that live beside their adapter (a WPS 加载项's pane) count as front ends. */
const FRONT_END_DIRS = [/^wps\/(pane|app)\//];

const FORBIDDEN_IN_ENGINE = [
  /^react(-dom)?(\/|$)/, /^@fluentui\//, /^exceljs$/, /^docx$/, /^@e965\/xlsx$/, /^xlsx$/, /^@microsoft\/office-js/,
  /^office-/, /^jszip$/, /^saxes$/, /^pdfjs-dist/, /^pdf-lib$/, /^(node:)?(fs|path|os|child_process|worker_threads|zlib|net|http|https)$/,
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ts|tsx)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

function folderOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0];
}

function layerOf(file: string): { layer: number; folder: string } {
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  const folder = folderOf(file);
  if (FRONT_END_DIRS.some((re) => re.test(rel))) return { layer: LAYERS.length - 1, folder: `${folder}-front-end` };
  const layer = LAYERS.findIndex((l) => l.includes(folder));
  return { layer, folder };
}

/** Every module specifier a file imports (static, dynamic, require, export … from). */
function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[^\w.$])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.$])import\s*['"]([^'"]+)['"]|(?:import|require)\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const files = walk(SRC);

test('every source folder has a layer', () => {
  const unknown = [...new Set(files.map(folderOf))].filter((f) => !LAYERS.flat().includes(f) && !/\.(ts|tsx)$/.test(f));
  expect(unknown).toEqual([]);
});

test('imports only point down the layer list, and never across peers', () => {
  const bad: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = layerOf(target);
      const where = `${path.relative(SRC, file)} → ${spec}`;
      if (to.layer > from.layer) bad.push(`${where}（向上：${from.folder} 导入 ${to.folder}）`);
      else if (to.layer === from.layer && to.folder !== from.folder && !to.folder.startsWith(from.folder)) bad.push(`${where}（同层互相导入：${from.folder} → ${to.folder}）`);
    }
  }
  expect(bad).toEqual([]);
});

test('the engine imports no Office.js, WPS, React, ExcelJS, SheetJS, docx, zip or I/O module', () => {
  const bad: string[] = [];
  for (const file of files) {
    if (layerOf(file).layer > ENGINE_TOP) continue;
    const src = readFileSync(file, 'utf8');
    for (const spec of importsOf(src)) if (FORBIDDEN_IN_ENGINE.some((re) => re.test(spec))) bad.push(`${path.relative(SRC, file)} → ${spec}`);
    // Globals of the hosts, used without an import.
    if (/\b(Excel\.run|Office\.onReady|Application\.ActiveWorkbook|wps\.)/.test(src)) bad.push(`${path.relative(SRC, file)} uses a host global`);
  }
  expect(bad).toEqual([]);
});

test('the import scanner sees static, dynamic and require imports (so the tests above cannot pass vacuously)', () => {
  const src = `import a from './a';\nimport type { B } from "../b";\nexport { c } from './c';\nimport './d';\nconst e = await import(/* webpackChunkName: "e" */ './e');\nconst f = require('./f');`;
  expect(importsOf(src)).toEqual(['./a', '../b', './c', './d', './e', './f']);
  expect(files.length).toBeGreaterThan(100);
});
