/**
 * The same workbook and findings give the same copy, byte for byte, whenever it is made (src/xlsx/patch.ts keeps
 * a changed entry's date and gives added entries the package's latest): a copy can be compared, cached or signed.
 */
import fs from 'fs';
import path from 'path';
import JSZip from 'jszip';
import type { Config } from '@jest/types';
import { check } from '../../src/engine';
import { patchWorkbook } from '../../src/xlsx/patch';
import { readWorkbookBuffer } from '../../src/xlsx/read';

afterEach(() => jest.useRealTimers());

test('two copies made a day apart are identical; entry dates come from the original', async () => {
  const file = path.resolve(__dirname, '../../fixtures/workbooks/002-standard.xlsx');
  const bytes = new Uint8Array(fs.readFileSync(file));
  const { findings } = check(await readWorkbookBuffer(bytes, 'x.xlsx'));
  expect(findings.length).toBeGreaterThan(0);
  // Only Date is faked: JSZip's own scheduling stays real.
  const fake: { doNotFake: Config.FakeableAPI[] } = { doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'] };
  jest.useFakeTimers({ ...fake, now: new Date('2031-03-04T05:06:08Z') });
  const a = await patchWorkbook(bytes, findings);
  jest.setSystemTime(new Date('2031-03-05T09:10:12Z'));
  const b = await patchWorkbook(bytes, findings);
  jest.useRealTimers();
  expect(a.report.changed.length + a.report.added.length).toBeGreaterThan(2);
  expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
  const orig = await JSZip.loadAsync(bytes);
  const latest = Math.max(...Object.values(orig.files).map((f) => f.date.getTime()));
  const copy = await JSZip.loadAsync(a.bytes);
  for (const f of Object.values(copy.files)) {
    const before = orig.files[f.name];
    // DOS dates have a two-second resolution
    expect(Math.abs(f.date.getTime() - (before ? before.date.getTime() : latest))).toBeLessThan(2000);
  }
});
