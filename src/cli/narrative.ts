import { promises as fs } from 'fs';
import * as path from 'path';
import { narrative, recognise } from '../engine';
import { readSupplement, SUPPLEMENT_SHEET, supplementTemplate } from '../narrative/supplement';
import { withPrevious } from '../narrative/generate';
import { openWorkbookFile, prepareCopySource } from '../xlsx/open';
import { UsageError, type Command } from './args';
import { previousOption } from './previous';
import { refuseSameFile, writeFailure, writeFileAtomic } from './safe-write';

// The Word writer (docx) and the package patcher (JSZip) only for --out x.docx and --supplement.
const patch = () => require('../xlsx/patch') as typeof import('../xlsx/patch');
const docxWriter = () => require('../docx/write') as typeof import('../docx/write');

interface NarrativeIo {
  out(text: string): void;
  err(line: string): void;
}

export { previousOption } from './previous';

/**
 * budget-check narrative: the generated 第三部分 情况说明 as Markdown on stdout, or written to --out (.md or
 * .docx). Figures come from the tables (and, with --previous, last year's tables); what they cannot know comes
 * from the workbook's 补充信息 sheet and is otherwise a visible 【请填写：…】 placeholder. --supplement writes a
 * copy of the workbook with the 补充信息 sheet added (a patch of the package, src/xlsx/patch.ts addTextSheet).
 */
export async function runNarrative(cmd: Extract<Command, { cmd: 'narrative' }>, io: NarrativeIo): Promise<number> {
  const ext = cmd.out ? path.extname(cmd.out).toLowerCase() : '';
  if (cmd.out && ext !== '.md' && ext !== '.docx') throw new UsageError('--out 只能是 .md 或 .docx 文件');
  if (cmd.out) refuseSameFile(cmd.file, cmd.out);
  if (cmd.supplement) {
    if (!/\.xlsx$/i.test(cmd.supplement)) throw new UsageError('--supplement 只能是 .xlsx 文件（工作簿副本）');
    refuseSameFile(cmd.file, cmd.supplement, '--supplement');
    if (cmd.previous) refuseSameFile(cmd.previous, cmd.supplement, '--supplement');
  }
  const wb = await openWorkbookFile(cmd.file);
  const previous = await previousOption(cmd);
  const rec = recognise(wb, { previous });
  const g = narrative(wb, rec);
  let status = 0;
  if (cmd.supplement) {
    const src = await prepareCopySource(cmd.file, cmd.supplement);
    try {
      const prefill = withPrevious(rec, readSupplement(wb)).supplement;
      const t = supplementTemplate(rec, prefill);
      const { bytes } = await patch().addTextSheet(await fs.readFile(src.path), t.sheetName, t.rows, { displayName: path.basename(cmd.file), widths: [34, 40, 60, 14, 24] });
      await writeFileAtomic(src.out, bytes);
      io.err(`已写出带“${SUPPLEMENT_SHEET}”表的工作簿副本：${src.out}（原文件未改动${previous ? '；上年数已按上年公开文件预填' : ''}）${src.note}`);
    } catch (e) {
      io.err(e instanceof patch().SheetExistsError ? e.message : writeFailure(src.out, e, '工作簿副本'));
      status = 2;
    } finally {
      src.dispose();
    }
  }
  if (cmd.out) {
    try {
      // A temporary file beside the target, then a rename: a failed write leaves no partial file.
      await writeFileAtomic(cmd.out, ext === '.docx' ? await docxWriter().toDocx(g) : g.markdown);
    } catch (e) {
      io.err(writeFailure(cmd.out, e, '情况说明'));
      return 2;
    }
    io.err(`已写出情况说明：${cmd.out}${g.notes.length ? `（另有 ${g.notes.length} 处需补充，见文中【请填写】）` : ''}`);
  }
  if (cmd.json) io.out(JSON.stringify({ file: cmd.file, title: g.title, sections: g.sections, notes: g.notes, markdown: g.markdown }, null, 2) + '\n');
  else if (!cmd.out) io.out(g.markdown.endsWith('\n') ? g.markdown : g.markdown + '\n');
  return status;
}
