/**
 * The Excel-API simulator's own semantics (it is not Excel): proxies, load/sync, null objects, queued writes,
 * round-trip counting, the sheet and note rules the adapter relies on, and the .xlsx round trip.
 */
import ExcelJS from 'exceljs';
import { createSimulator, installOfficeGlobals, SimulatorError, type ExcelSimulator } from './excel-simulator';

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return (await wb.xlsx.writeBuffer()) as unknown as Buffer;
}

async function sample(opts?: Parameters<typeof createSimulator>[1]): Promise<ExcelSimulator> {
  const buf = await book((wb) => {
    const a = wb.addWorksheet('表一');
    a.getCell('A1').value = '标题';
    a.getCell('B2').value = 10;
    a.getCell('B3').value = 20;
    a.getCell('B4').value = { formula: 'SUM(B2:B3)', result: 30 } as ExcelJS.CellFormulaValue;
    a.getCell('B4').numFmt = '#,##0.00';
    a.mergeCells('A1:C1');
    a.getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
    a.getCell('C3').note = '用户批注';
    const b = wb.addWorksheet('5 支出');
    b.getCell('A1').value = 'x';
    wb.addWorksheet('空表');
  });
  return createSimulator(buf, opts);
}

test('loaded properties are readable only after the sync that loaded them', async () => {
  const sim = await sample();
  await sim.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('表一').getRange('B2:B4');
    r.load('values, formulas, numberFormat, address');
    expect(() => r.values).toThrow(SimulatorError);
    try {
      void r.values;
    } catch (e) {
      expect((e as SimulatorError).code).toBe('PropertyNotLoaded');
    }
    await ctx.sync();
    expect(r.values).toEqual([[10], [20], [30]]);
    expect(r.formulas).toEqual([[10], [20], ['=SUM(B2:B3)']]);
    expect(r.numberFormat).toEqual([['General'], ['General'], ['#,##0.00']]);
    expect(r.address).toBe('表一!B2:B4');
    expect(() => r.text).toThrow(/not available/);
  });
  expect(sim.syncCount()).toBe(1);
});

test('writes apply at sync, in order: a load queued before a write sees the old value', async () => {
  const sim = await sample();
  await sim.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('表一');
    const before = ws.getRange('B2');
    before.load('values');
    ws.getRange('B2').values = [[99]];
    const after = ws.getRange('B2');
    after.load('values');
    expect(sim.workbook.getWorksheet('表一')!.getCell('B2').value).toBe(10);
    await ctx.sync();
    expect(before.values).toEqual([[10]]);
    expect(after.values).toEqual([[99]]);
  });
  expect(sim.workbook.getWorksheet('表一')!.getCell('B2').value).toBe(99);
});

test('null objects (lenient mode, strict: false): OrNullObject, propagation, and the closing sync of run is free', async () => {
  const sim = await sample({ strict: false });
  await sim.run(async (ctx) => {
    const first = ctx.workbook.worksheets.getFirst();
    const chain = [first];
    for (let i = 0; i < 5; i++) chain.push(chain[chain.length - 1].getNextOrNullObject());
    const used = chain.map((w) => w.getUsedRangeOrNullObject(true));
    chain.forEach((w) => w.load('name'));
    used.forEach((u) => u.load('address'));
    await ctx.sync();
    expect(chain.map((w) => (w.isNullObject ? null : w.name))).toEqual(['表一', '5 支出', '空表', null, null, null]);
    expect(used.map((u) => (u.isNullObject ? null : u.address))).toEqual(["表一!A1:B4", "'5 支出'!A1", null, null, null, null]);
    expect(chain[4].name).toBeUndefined();
  });
  expect(sim.syncCount()).toBe(1);
  const missing = await sim.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject('没有');
    ws.load('name');
    await ctx.sync();
    return ws.isNullObject;
  });
  expect(missing).toBe(true);
  // writes and void methods on a null object do nothing; the non-OrNull accessor fails
  await sim.run(async (ctx) => {
    ctx.workbook.worksheets.getItemOrNullObject('没有').getRange('A1').values = [[1]];
    ctx.workbook.worksheets.getItemOrNullObject('没有').delete();
    await ctx.sync();
  });
  await expect(
    sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('没有').getRange('A1').values = [[1]];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemNotFound' });
});

test('a failing action rejects the sync; earlier actions stay applied, later ones are dropped', async () => {
  const sim = await sample();
  await expect(
    sim.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表一');
      ws.getRange('D1').values = [['applied']];
      ctx.workbook.worksheets.getItem('无此表').getRange('A1').values = [[1]];
      ws.getRange('D2').values = [['dropped']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemNotFound' });
  const ws = sim.workbook.getWorksheet('表一')!;
  expect(ws.getCell('D1').value).toBe('applied');
  expect(ws.getCell('D2').value).toBeNull();
});

test('sheet rules: veryHidden sheets cannot be deleted until made hidden; names are unique', async () => {
  const sim = await sample();
  await sim.run(async (ctx) => {
    const s = ctx.workbook.worksheets.add('_记录');
    s.visibility = 'VeryHidden' as Excel.SheetVisibility;
    await ctx.sync();
  });
  expect(sim.workbook.getWorksheet('_记录')!.state).toBe('veryHidden');
  await expect(
    sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('_记录').delete();
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'GeneralException' });
  await expect(
    sim.run(async (ctx) => {
      ctx.workbook.worksheets.add('_记录');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  await sim.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem('_记录');
    s.visibility = 'Hidden' as Excel.SheetVisibility;
    s.delete();
    ctx.workbook.worksheets.add('_记录');
    await ctx.sync();
  });
  expect(sim.workbook.getWorksheet('_记录')!.state).toBe('visible');
});

test('merged areas, fills, copyFrom formats (merges included), notes and comments', async () => {
  const sim = await sample();
  const ws = sim.workbook.getWorksheet('表一')!;
  const styleC3 = JSON.stringify(ws.getCell('C3').style);
  await sim.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem('表一');
    const m = s.getRange().getMergedAreasOrNullObject();
    m.load('address');
    const none = ctx.workbook.worksheets.getItem('空表').getRange().getMergedAreasOrNullObject();
    none.load('address');
    const fill = s.getRange('C3').format.fill;
    fill.load('color, pattern');
    const props = s.getRange('B3:C3').getCellProperties({ format: { fill: { color: true, pattern: true } } });
    await ctx.sync();
    expect(m.address).toBe('表一!A1:C1');
    expect(none.isNullObject).toBe(true);
    expect([fill.color, fill.pattern]).toEqual(['#00FF00', 'Solid']);
    expect(props.value[0].map((p) => (p.format as { fill: unknown }).fill)).toEqual([
      { color: '#FFFFFF', pattern: 'None' },
      { color: '#00FF00', pattern: 'Solid' },
    ]);
  });
  await sim.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem('表一');
    const rec = ctx.workbook.worksheets.add('rec');
    rec.getRange('B2').copyFrom(s.getRange('C3'), 'Formats' as Excel.RangeCopyType);
    rec.getRange('B4').copyFrom(s.getRange('A1:C1'), 'Formats' as Excel.RangeCopyType);
    s.getRange('C3').format.fill.color = '#FFC7CE';
    s.notes.getItem('C3').content = '新内容';
    s.notes.add(s.getRange('B2'), '校验');
    await ctx.sync();
  });
  const rec = sim.workbook.getWorksheet('rec')!;
  expect(JSON.stringify(rec.getCell('B2').style)).toBe(styleC3);
  expect((rec.model as unknown as { merges: string[] }).merges).toEqual(['B4:D4']);
  expect(ws.getCell('C3').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
  expect(ws.getCell('B3').fill).toBeUndefined(); // shared style objects are never changed in place
  expect(ws.getCell('C3').note).toBe('新内容');
  expect(ws.getCell('B2').note).toBe('校验');
  await sim.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem('表一');
    s.getRange('C3').copyFrom(ctx.workbook.worksheets.getItem('rec').getRange('B2'), 'Formats' as Excel.RangeCopyType);
    await ctx.sync();
  });
  expect(JSON.stringify(ws.getCell('C3').style)).toBe(styleC3);
  // a cell holds a note or a comment, not both
  await expect(
    sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('表一').comments.add('B2', 'x');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidOperation' });
  await sim.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('表一').comments.add('B3', '评论');
    await ctx.sync();
  });
  expect(sim.comments('表一')).toMatchObject([{ cell: 'B3', content: '评论' }]);
  const located = await sim.run(async (ctx) => {
    const notes = ctx.workbook.worksheets.getItem('表一').notes;
    notes.load('items/content');
    await ctx.sync();
    const locs = notes.items.map((n) => n.getLocation().load('address'));
    await ctx.sync();
    return locs.map((l, i) => [l.address, notes.items[i].content]);
  });
  expect(located).toEqual([
    ['表一!B2', '校验'],
    ['表一!C3', '新内容'],
  ]);
});

test('requirement sets: APIs above the simulated ExcelApi version throw ApiNotFound', async () => {
  const sim = await sample({ requirementSets: { ExcelApi: '1.9' } });
  expect(sim.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
  expect(sim.requirements.isSetSupported('ExcelApi', '1.10')).toBe(false);
  await sim.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('表一');
    expect(() => ws.notes).toThrow(/ExcelApi 1.18/);
    expect(() => ws.comments).toThrow(/ExcelApi 1.10/);
    expect(() => ws.getRange('A1').getMergedAreasOrNullObject()).toThrow(/1.13/);
  });
});

test('values written follow typing rules; export round-trips through .xlsx', async () => {
  const sim = await sample();
  await sim.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('空表');
    ws.getRange('A1:D1').values = [["'=不是公式", '=1+1', '12.5', '文字']];
    ws.getRange('A2').hyperlink = { documentReference: "'表一'!B2", textToDisplay: '表一!B2' };
    ws.getRange('A:A').format.columnWidth = 35.25;
    ws.freezePanes.freezeRows(1);
    ws.activate();
    ws.getRange('B1').select();
    await ctx.sync();
  });
  expect(sim.selection()).toEqual({ sheet: '空表', address: 'B1' });
  const out = await sim.exportXlsx();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(out as unknown as ArrayBuffer);
  const ws = back.getWorksheet('空表')!;
  expect(ws.getCell('A1').value).toBe('=不是公式');
  expect((ws.getCell('B1').value as ExcelJS.CellFormulaValue).formula).toBe('1+1');
  expect(ws.getCell('C1').value).toBe(12.5);
  expect(ws.getCell('A2').value).toEqual({ text: '表一!B2', hyperlink: "#'表一'!B2" });
  expect(ws.getColumn(1).width).toBe(6);
  expect(back.getWorksheet('表一')!.getCell('C3').note).toBe('用户批注');
});

test('installOfficeGlobals: Office and Excel globals backed by the simulator', async () => {
  const sim = await sample();
  const uninstall = installOfficeGlobals(sim, { ExcelApi: '1.12' });
  try {
    const g = globalThis as unknown as { Office: typeof Office; Excel: typeof Excel };
    expect(g.Office.context.requirements.isSetSupported('ExcelApi', '1.12')).toBe(true);
    expect(g.Office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(false);
    const name = await g.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.load('name');
      await ctx.sync();
      return ws.name;
    });
    expect(name).toBe('表一');
  } finally {
    uninstall();
  }
  expect((globalThis as Record<string, unknown>).Excel).toBeUndefined();
});
