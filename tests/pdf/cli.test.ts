/**
 * The CLI on PDF input that cannot be read: exit 2 and one line of Chinese, never a stack trace. (Readable PDFs,
 * printed by LibreOffice, are in tests/fidelity/pdf.fidelity.test.ts.)
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { isPdf } from '../../src/pdf/read';
import { INPUT_FILE_RE } from '../../src/cli/open-input';

const ROOT = path.resolve(__dirname, '../..');
jest.setTimeout(120_000);

function cli(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/budget-check.js'), ...args], { encoding: 'utf8', timeout: 110_000 });
}

describe('PDF input', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-pdf-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is told by its first bytes, not its name', () => {
    expect(isPdf(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'))).toBe(true);
    expect(isPdf(Buffer.concat([Buffer.alloc(20, 0x20), Buffer.from('%PDF-1.4')]))).toBe(true); // leading bytes allowed
    expect(isPdf(Buffer.from('PK\x03\x04'))).toBe(false);
    expect(isPdf(new Uint8Array(0))).toBe(false);
  });

  it('batch picks up .pdf files beside the workbooks', () => {
    expect(['a.xlsx', 'b.PDF', 'c.ods', 'd.docx'].filter((f) => INPUT_FILE_RE.test(f))).toEqual(['a.xlsx', 'b.PDF', 'c.ods']);
  });

  it('a damaged PDF: exit 2, one Chinese line naming the file', () => {
    const file = path.join(dir, '预算公开.pdf');
    fs.writeFileSync(file, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const r = cli(['check', file, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/不是有效的 PDF 文件/);
  });
});
