import { locateFinding } from '../../src/pdf/locate';
import type { PdfRead } from '../../src/pdf/read';

function read(): PdfRead {
  const cells = new Map([
    ['B5', { page: 3, x: 100, y: 200, width: 50, height: 12 }],
    ['B6', { page: 4, x: 100, y: 40, width: 50, height: 12 }],
    ['C5', { page: 3, x: 160, y: 200, width: 50, height: 12 }],
  ]);
  return { snapshot: { name: 'x.pdf', sheets: [] }, pageCount: 5, scannedPages: [2], sheets: new Map([['第3-4页 表一', { pages: [3, 4], cells }]]) };
}

describe('locateFinding', () => {
  it('gives the boxes of the stated cells and of the related cells, with their pages', () => {
    const place = locateFinding(read(), { sheet: '第3-4页 表一', cells: ['$B$6'], related: [{ sheet: '第3-4页 表一', cells: ['B5:C5'] }] });
    expect(place.boxes).toEqual([{ page: 4, x: 100, y: 40, width: 50, height: 12, sheet: '第3-4页 表一', cell: 'B6' }]);
    expect(place.related.map((b) => b.cell)).toEqual(['B5', 'C5']);
    expect(place.pages).toEqual([4]);
  });

  it('falls back to the pages of the sheet, or the page a finding names', () => {
    expect(locateFinding(read(), { sheet: '第3-4页 表一', cells: [] }).pages).toEqual([3, 4]);
    expect(locateFinding(read(), { sheet: '第2页', cells: [] })).toEqual({ boxes: [], related: [], pages: [2] });
    expect(locateFinding(read(), { sheet: '别的表', cells: ['A1'] })).toEqual({ boxes: [], related: [], pages: [] });
  });
});
