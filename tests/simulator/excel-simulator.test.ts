/**
 * The Excel-API simulator's own semantics (it is not Excel): proxies, load/sync, null objects, queued writes,
 * round-trip counting, the sheet and note rules the adapter relies on, and the .xlsx round trip.
 */
import ExcelJS from 'exceljs';
import { createSimulator, installOfficeGlobals, simulatorFor, SimulatorError, type ExcelSimulator } from './excel-simulator';

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

// ---------------------------------------------------------------------------------------------------------------
// Strict mode: Excel's documented limits (see the simulator's header for the sources)

describe('strict mode', () => {
  test('5 MB request limit: the whole batch is refused, nothing applied; the bytes of each sync are measured', async () => {
    const sim = await sample();
    const big = Array.from({ length: 60000 }, (_, i) => [`第${i}行的一段相当长的中文说明文字，用来把请求撑过五兆字节的上限`]);
    await expect(
      sim.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('表一');
        ws.getRange('H1').values = [['先写的']];
        ws.getRange(`A10:A${60009}`).values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(sim.workbook.getWorksheet('表一')!.getCell('H1').value).toBeNull();
    expect(sim.payloads().at(-1)!.requestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  test('5 MB response limit and the 5,000,000-cell read limit', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('大');
    for (let r = 1; r <= 80000; r++) ws.getCell(r, 1).value = `第${r}行：一般公共预算财政拨款支出的较长说明文字`;
    const sim = simulatorFor(wb);
    await expect(
      sim.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('大').getRange('A1:A80000').load('values');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    await expect(
      sim.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('大').getRange('A1:E1000001').load('numberFormat');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    // Half of it is fine.
    const n = await sim.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('大').getRange('A1:A30000').load('values');
      await ctx.sync();
      return r.values.length;
    });
    expect(n).toBe(30000);
  });

  test('no calls on null objects, nor on anything derived from one; load and isNullObject are fine', async () => {
    const sim = await sample();
    const isNull = await sim.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject('没有').load('name');
      await ctx.sync();
      return ws.isNullObject;
    });
    expect(isNull).toBe(true);
    await expect(sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItemOrNullObject('没有').delete();
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidOperation' });
    await expect(sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItemOrNullObject('没有').getRange('A1').load('values');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidOperation' });
    await expect(sim.run(async (ctx) => {
      ctx.workbook.worksheets.getFirst().getNextOrNullObject().getNextOrNullObject().getNextOrNullObject().getNextOrNullObject().load('name');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  test('host profiles: ApiNotFound above the host’s set; an API the loaded office.js lacks is absent (a TypeError)', async () => {
    const old = await sample({ profile: 'excel-2019' });
    await expect(old.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('表一').comments.load('items');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'ApiNotFound' });
    const intranet = await sample({ profile: 'intranet-1.1.110' });
    expect(intranet.requirements.isSetSupported('ExcelApi', '1.18')).toBe(true);
    await expect(intranet.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('表一').notes.load('items');
      await ctx.sync();
    })).rejects.toThrow(TypeError);
    const web = await sample({ profile: 'm365-web' });
    const notes = await web.run(async (ctx) => {
      const n = ctx.workbook.worksheets.getItem('表一').notes.load('items/content');
      await ctx.sync();
      return n.items.map((x) => x.content);
    });
    expect(notes).toEqual(['用户批注']);
    expect(web.profile?.platform).toBe('OfficeOnline');
  });

  test('cell-edit mode refuses every sync; protected sheets refuse writes, not reads', async () => {
    const sim = await sample();
    sim.setCellEditMode(true);
    await expect(sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('表一').load('name');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    sim.setCellEditMode(false);
    sim.protectSheet('表一');
    const v = await sim.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表一').getRange('B2').load('values');
      await ctx.sync();
      return r.values[0][0];
    });
    expect(v).toBe(10);
    for (const write of [
      (ws: Excel.Worksheet) => void (ws.getRange('B2').values = [[1]]),
      (ws: Excel.Worksheet) => void (ws.getRange('B2').format.fill.color = '#FF0000'),
      (ws: Excel.Worksheet) => void ws.getRange('B2').conditionalFormats.add('Custom' as Excel.ConditionalFormatType),
      (ws: Excel.Worksheet) => void ws.notes.add('B2', 'x'),
    ]) {
      await expect(sim.run(async (ctx) => {
        write(ctx.workbook.worksheets.getItem('表一'));
        await ctx.sync();
      })).rejects.toMatchObject({ code: 'AccessDenied' });
    }
    expect(sim.workbook.getWorksheet('表一')!.getCell('B2').value).toBe(10);
  });

  test('undo: each writing sync is a step; adding or deleting a sheet clears the stack', async () => {
    const sim = await sample();
    const write = (v: number) => sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('表一').getRange('B2').values = [[v]];
      await ctx.sync();
    });
    await write(11);
    await write(12);
    expect(sim.undoDepth()).toBe(2);
    expect(sim.undo()).toBe(true);
    expect(sim.workbook.getWorksheet('表一')!.getCell('B2').value).toBe(11);
    await sim.run(async (ctx) => {
      ctx.workbook.worksheets.add('新表');
      ctx.workbook.worksheets.getItem('表一').getRange('B3').values = [[99]];
      await ctx.sync();
    });
    expect(sim.undoDepth()).toBe(0);
    expect(sim.undo()).toBe(false);
    await write(13);
    expect(sim.undo()).toBe(true);
    expect(sim.workbook.getWorksheet('表一')!.getCell('B2').value).toBe(11);
  });

  test('conditional formats: add, read back, delete; they follow inserted rows and renames, and reach the file', async () => {
    const sim = await sample();
    await sim.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem('表一').getRange('B3').conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
      cf.custom.rule.formula = '=N("x")=0';
      cf.custom.format.fill.color = '#FFC7CE';
      await ctx.sync();
    });
    sim.insertRows('表一', 2, 2);
    sim.workbook.getWorksheet('表一')!.name = '表一（改）';
    expect(sim.conditionalFormats('表一（改）')).toEqual([{ ranges: 'B5', type: 'Custom', formula: '=N("x")=0', fill: '#FFC7CE' }]);
    expect(sim.workbook.getWorksheet('表一（改）')!.getCell('C5').note).toBe('用户批注');
    const formulas = await sim.run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem('表一（改）').getRange().conditionalFormats.load('items/type');
      await ctx.sync();
      cfs.items.forEach((c) => c.custom.rule.load('formula'));
      await ctx.sync();
      return cfs.items.map((c) => c.custom.rule.formula);
    });
    expect(formulas).toEqual(['=N("x")=0']);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await sim.exportXlsx()) as unknown as ArrayBuffer);
    const cf = (back.getWorksheet('表一（改）') as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0].formulae[0]])).toEqual([['B5', 'N("x")=0']]);
    await sim.run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem('表一（改）').getRange('B5').conditionalFormats.load('items');
      await ctx.sync();
      cfs.items[0].delete();
      await ctx.sync();
    });
    expect(sim.conditionalFormats('表一（改）')).toEqual([]);
  });

  test('defined names: added, follow a rename, #REF! once their sheet is gone; getMergedAreas fails over 512 areas', async () => {
    const sim = await sample();
    await sim.run(async (ctx) => {
      ctx.workbook.names.add('_Marker', ctx.workbook.worksheets.getItem('5 支出').getRange('A1')).visible = false;
      await ctx.sync();
    });
    sim.workbook.getWorksheet('5 支出')!.name = '五';
    expect(sim.definedNames()._Marker).toBe('五!A1');
    await sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('五').delete();
      await ctx.sync();
    });
    expect(sim.definedNames()._Marker).toBe('#REF!');
    const ws = sim.workbook.getWorksheet('空表')!;
    for (let i = 1; i <= 513; i++) ws.mergeCells(i, 1, i, 2);
    await expect(sim.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('空表').getRange().getMergedAreasOrNullObject().load('address');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'GeneralException' });
  });
});
