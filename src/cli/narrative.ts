import * as path from 'path';
import { narrative } from '../engine';
import { toDocx } from '../docx/write';
import { openWorkbookFile } from '../xlsx/open';
import { UsageError, type Command } from './args';
import { refuseSameFile, writeFailure, writeFileAtomic } from './safe-write';

interface NarrativeIo {
  out(text: string): void;
  err(line: string): void;
}

/**
 * budget-check narrative: the generated 第三部分 情况说明 as Markdown on stdout, or written to --out (.md or
 * .docx). Figures come from the tables; what they cannot know comes from the workbook's 补充信息 sheet and is
 * otherwise a visible 【请填写：…】 placeholder.
 */
export async function runNarrative(cmd: Extract<Command, { cmd: 'narrative' }>, io: NarrativeIo): Promise<number> {
  const ext = cmd.out ? path.extname(cmd.out).toLowerCase() : '';
  if (cmd.out && ext !== '.md' && ext !== '.docx') throw new UsageError('--out 只能是 .md 或 .docx 文件');
  if (cmd.out) refuseSameFile(cmd.file, cmd.out);
  const wb = await openWorkbookFile(cmd.file);
  const g = narrative(wb);
  if (cmd.out) {
    try {
      // A temporary file beside the target, then a rename: a failed write leaves no partial file.
      await writeFileAtomic(cmd.out, ext === '.docx' ? await toDocx(g) : g.markdown);
    } catch (e) {
      io.err(writeFailure(cmd.out, e, '情况说明'));
      return 2;
    }
    io.err(`已写出情况说明：${cmd.out}${g.notes.length ? `（另有 ${g.notes.length} 处需补充，见文中【请填写】）` : ''}`);
  }
  if (cmd.json) io.out(JSON.stringify({ file: cmd.file, title: g.title, sections: g.sections, notes: g.notes, markdown: g.markdown }, null, 2) + '\n');
  else if (!cmd.out) io.out(g.markdown.endsWith('\n') ? g.markdown : g.markdown + '\n');
  return 0;
}
