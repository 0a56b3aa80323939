/**
 * The web page's engine (src/web/engine/core.ts) takes requests one after another: a second file dropped while
 * the first is still being checked is the open file when both are done, whatever order their reads would have
 * finished in, and what is asked after it (a re-check, the annotated copy) is about that file.
 */
import fs from 'fs';
import JSZip from 'jszip';
import path from 'path';
import { EngineCore } from '../../src/web/engine/core';

const FIXTURES = path.resolve(__dirname, '../../fixtures/workbooks');

function bytesOf(name: string): ArrayBuffer {
  const b = fs.readFileSync(path.join(FIXTURES, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

const key = (found: { rule: string; sheet: string; cells?: string[] }[]) => found.map((f) => `${f.rule} ${f.sheet} ${(f.cells ?? []).join(',')}`);

test('the file opened last is the open file, even when an earlier, larger one is still being read', async () => {
  const alone = await new EngineCore().open(bytesOf('001-variant.xlsx'), 'B.xlsx');
  const core = new EngineCore();
  // B is dropped as soon as A's reading begins (the page posts it at once): a third of A's size, its check
  // would finish first and A's would then overwrite it
  let second: ReturnType<EngineCore['open']> | undefined;
  const first = core.open(bytesOf('000-merged-wide.xlsx'), 'A.xlsx', () => {
    second ??= core.open(bytesOf('001-variant.xlsx'), 'B.xlsx');
  });
  const a = await first;
  const b = await second!;
  expect(key(a.findings)).not.toEqual(key(b.findings));
  expect(key(b.findings)).toEqual(key(alone.findings));
  // a re-check with no side files is the open file's check
  const again = await core.side({});
  expect(key(again.findings)).toEqual(key(b.findings));
  // and the annotated copy is a patch of B's package: B's shared strings, unchanged
  const copy = await JSZip.loadAsync(await core.annotated());
  const original = await JSZip.loadAsync(fs.readFileSync(path.join(FIXTURES, '001-variant.xlsx')));
  expect(await copy.file('xl/sharedStrings.xml')!.async('string')).toBe(await original.file('xl/sharedStrings.xml')!.async('string'));
});

test('a request that fails does not stop the ones after it', async () => {
  const core = new EngineCore();
  const bad = core.open(new TextEncoder().encode('not a workbook').buffer as ArrayBuffer, '坏文件.xlsx');
  const good = core.open(bytesOf('001-standard.xlsx'), '001.xlsx');
  await expect(bad).rejects.toThrow();
  expect((await good).findings.length).toBeGreaterThan(0);
  await expect(core.autoFill('blank')).resolves.toHaveProperty('fixes');
});
