/**
 * The WPS add-in's 校验结果 sheet on the ET-API SIMULATOR (tests/wps/et-simulator.ts — not WPS) is the same document
 * as the annotated copy's (src/xlsx/patch.ts; issue 11 item 8): the same rows, cell for cell; first (after a cover)
 * and active; the 舍位 rows a collapsed outline group with its summary above; A4 landscape, one page wide, the header
 * row repeated — where the build has PageSetup / Range.Group / Outline, and skipped without error where not.
 * 清除标记 removes it and nothing else.
 */
import fs from 'fs';
import path from 'path';
import { check as checkWorkbook } from '../../src/engine';
import type { Finding } from '../../src/model/finding';
import { RESULT_SHEET, resultSections } from '../../src/format/marks';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { EtWorkbookHost } from '../../src/wps/et-host';
import { createEtSimulator, type EtSimulatorOptions } from './et-simulator';
import { copyResultGrid, excelJsGrid, hiddenRows, withCover } from '../helpers/result-sheet';

const DIR = path.resolve(__dirname, '../../fixtures/workbooks');

async function run(bytes: Uint8Array, options: EtSimulatorOptions = {}) {
  const sim = await createEtSimulator(bytes, { name: 'book.xlsx', ...options });
  const host = new EtWorkbookHost(() => sim.Application);
  const findings: Finding[] = checkWorkbook(await readWorkbookBuffer(bytes, 'book.xlsx')).findings;
  const before = sim.workbook.worksheets.map((w) => w.name);
  await host.annotate(findings, []);
  return { sim, host, findings, before };
}

/** Rows (1-based) of the folded 舍位 group, as resultSections lays the sheet out: header, then title + items per section. */
function foldedRows(findings: Finding[]): number[] {
  let r = 1;
  const out: number[] = [];
  for (const s of resultSections(findings)) {
    r++;
    for (let i = 0; i < s.items.length; i++) {
      r++;
      if (s.folded) out.push(r);
    }
  }
  return out;
}

describe.each(['001-standard.xlsx', '002-merged-wide.xlsx'])('the WPS results sheet of %s', (file) => {
  const original = new Uint8Array(fs.readFileSync(path.join(DIR, file)));

  test('a build with PageSetup and outlines: the copy’s rows, first after the cover and active, folded, printed as a document; clear removes it only', async () => {
    const bytes = await withCover(original);
    const { sim, host, findings, before } = await run(bytes);
    const copy = await copyResultGrid(bytes, findings);
    const rs = sim.workbook.getWorksheet(RESULT_SHEET)!;
    expect(excelJsGrid(rs)).toEqual(copy.grid);
    expect(copy.grid.length).toBeGreaterThan(2);
    expect(sim.workbook.worksheets.map((w) => w.name)).toEqual(copy.sheetNames);
    expect(sim.workbook.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['封面', RESULT_SHEET]);
    expect(sim.activeSheet()).toBe(RESULT_SHEET);
    const folded = foldedRows(findings);
    expect(folded.length).toBeGreaterThan(0);
    expect(hiddenRows(rs)).toEqual(folded.map((row) => ({ row, level: 1 })));
    expect(rs.properties.outlineProperties?.summaryBelow).toBe(false);
    expect(rs.getCell('D2').alignment?.wrapText).toBe(true);
    expect(rs.getCell('A1').font?.bold).toBe(true);
    expect(rs.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    await host.clearAnnotations();
    expect(sim.workbook.worksheets.map((w) => w.name)).toEqual(before);
  });

  test('a build without PageSetup, Outline or Range.Group: the same rows, first and active; the niceties skipped without error', async () => {
    const { sim, host, findings, before } = await run(original, { missing: ['PageSetup', 'Outline', 'Group'] });
    const copy = await copyResultGrid(original, findings);
    const rs = sim.workbook.getWorksheet(RESULT_SHEET)!;
    expect(excelJsGrid(rs)).toEqual(copy.grid);
    expect(sim.workbook.worksheets[0].name).toBe(RESULT_SHEET);
    expect(sim.activeSheet()).toBe(RESULT_SHEET);
    // The 舍位 rows stay visible, last under their title.
    expect(hiddenRows(rs)).toEqual([]);
    const folded = foldedRows(findings);
    expect(folded[folded.length - 1]).toBe(resultSections(findings).reduce((n, s) => n + 1 + s.items.length, 1));
    expect(rs.pageSetup.orientation).not.toBe('landscape');
    expect(rs.pageSetup.printTitlesRow).toBeUndefined();
    await host.clearAnnotations();
    expect(sim.workbook.worksheets.map((w) => w.name)).toEqual(before);
  });
});
