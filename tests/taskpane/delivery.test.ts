/**
 * How files leave the task pane, per host profile (src/ui/delivery.ts): Windows and the web download, a Mac or
 * iPad hands the file to the user's browser through save.html when OpenBrowserWindowApi 1.1 is there and takes the
 * 'none' route otherwise. The Office globals here are host profiles shaped like Office.js's (platform, requirement
 * sets, ui.openBrowserWindow recording the URL it was given); the browser side runs in tests/e2e/taskpane.e2e.test.ts.
 */
import {
  BROWSER_MAX_BYTES,
  deliveredMessage,
  fileRoute,
  hostProfile,
  officeDelivery,
  savePageUrl,
  type OfficeForDelivery,
} from '../../src/ui/delivery';
import { parseSaveFragment } from '../../src/taskpane/save-page';

interface Profile {
  office: OfficeForDelivery;
  opened: string[];
}

/** An Office.js host profile: its platform, its requirement sets, and whether it has Office.context.ui.openBrowserWindow. */
function profile(platform: string, sets: Record<string, string>, withUi = true): Profile {
  const opened: string[] = [];
  const office: OfficeForDelivery = {
    context: {
      platform,
      diagnostics: { platform },
      requirements: { isSetSupported: (name: string, v?: string) => name in sets && (!v || Number(sets[name]) >= Number(v)) },
      ui: withUi ? { openBrowserWindow: (url: string) => void opened.push(url) } : {},
    },
  };
  return { office, opened };
}

const HOSTS = {
  windows: () => profile('PC', { ExcelApi: '1.18', OpenBrowserWindowApi: '1.1' }),
  mac: () => profile('Mac', { ExcelApi: '1.18', OpenBrowserWindowApi: '1.1' }),
  web: () => profile('OfficeOnline', { ExcelApi: '1.18' }, false),
  ipad: () => profile('iOS', { ExcelApi: '1.18', OpenBrowserWindowApi: '1.1' }),
  oldMac: () => profile('Mac', { ExcelApi: '1.4' }, false),
};

test.each([
  ['windows', 'windows', true, 'download'],
  ['mac', 'mac', true, 'browser'],
  ['web', 'web', false, 'download'],
  ['ipad', 'ipad', true, 'browser'],
  ['oldMac', 'mac', false, 'none'],
] as const)('host profile %s: platform %s, openBrowserWindow %s, a small file goes by %s', (key, platform, obw, route) => {
  const p = hostProfile(HOSTS[key]().office);
  expect(p).toEqual({ platform, openBrowserWindow: obw });
  expect(fileRoute(p, 20_000)).toBe(route);
});

test('a file too large for a URL takes the none route on a Mac; Windows and the web still download it', () => {
  const mac = hostProfile(HOSTS.mac().office);
  expect(fileRoute(mac, BROWSER_MAX_BYTES)).toBe('browser');
  expect(fileRoute(mac, BROWSER_MAX_BYTES + 1)).toBe('none');
  expect(fileRoute(hostProfile(HOSTS.windows().office), 50_000_000)).toBe('download');
  expect(fileRoute(hostProfile(HOSTS.web().office), 50_000_000)).toBe('download');
});

test('no Office at all, or a requirements check that throws: not a Mac route, no openBrowserWindow', () => {
  expect(hostProfile(undefined)).toEqual({ platform: 'other', openBrowserWindow: false });
  const throwing = profile('Mac', {});
  throwing.office.context!.requirements = {
    isSetSupported: () => {
      throw new Error('boom');
    },
  };
  expect(hostProfile(throwing.office)).toEqual({ platform: 'mac', openBrowserWindow: false });
  // Only diagnostics.platform known (older Office.js): still read.
  expect(hostProfile({ context: { diagnostics: { platform: 'Mac' } } }).platform).toBe('mac');
});

test('on a Mac the file goes to save.html beside the pane, in the fragment, and comes back byte for byte', () => {
  const mac = HOSTS.mac();
  const delivery = officeDelivery(mac.office, 'https://budget-check.example.gov.cn/addin/taskpane.html?_host_Info=Excel$Mac');
  const bytes = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256); // every byte value, not text
  expect(delivery.deliver({ name: '第三部分 2025年度情况说明.docx', data: bytes, mime: 'application/octet-stream' })).toBe('browser');
  expect(mac.opened).toHaveLength(1);
  const url = new URL(mac.opened[0]);
  expect(url.origin + url.pathname).toBe('https://budget-check.example.gov.cn/addin/save.html');
  expect(url.search).toBe(''); // nothing of the file in what is sent to the server
  const back = parseSaveFragment(url.hash);
  expect(typeof back).toBe('object');
  if (typeof back === 'string') return;
  expect(back.name).toBe('第三部分 2025年度情况说明.docx');
  expect(back.mime).toBe('application/octet-stream');
  expect(Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
});

test('text files travel as UTF-8 with the charset named; a BOM and Chinese survive', () => {
  const csv = '\uFEFF序号,表,级别\r\n1,表一,错误\r\n';
  const back = parseSaveFragment(new URL(savePageUrl('https://x.example/addin/taskpane.html', { name: '校验报告.csv', data: csv, mime: 'text/csv' })).hash);
  if (typeof back === 'string') throw new Error(back);
  expect(back.mime).toBe('text/csv;charset=utf-8');
  expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(back.bytes)).toBe(csv);
});

test('save.html explains in Chinese when the fragment is missing or cut short, and keeps names safe', () => {
  expect(parseSaveFragment('')).toMatch(/没有要保存的文件/);
  expect(parseSaveFragment('#n=a.csv&d=%%%')).toMatch(/不完整/);
  const back = parseSaveFragment('#n=' + encodeURIComponent('../a:b.csv') + '&d=YQ');
  expect(typeof back !== 'string' && back.name).toBe('.._a_b.csv');
});

test('a host with no route delivers nothing and says so; the messages never claim a finished download', () => {
  const old = HOSTS.oldMac();
  expect(officeDelivery(old.office, 'https://x.example/taskpane.html').deliver({ name: 'a.csv', data: 'x', mime: 'text/csv' })).toBe('none');
  expect(old.opened).toEqual([]);
  for (const route of ['download', 'browser'] as const) {
    const m = deliveredMessage(route, '校验报告', 'a.csv', '写入工作表');
    expect(`${m.title}${m.text}`).not.toMatch(/已下载|已导出|已保存/);
    expect(m.text).toContain('a.csv');
    expect(m.text).toContain('写入工作表');
  }
  expect(deliveredMessage('download', '校验报告', 'a.csv', 'x').title).toBe('已开始下载校验报告');
  expect(deliveredMessage('browser', '校验报告', 'a.csv', 'x').title).toBe('已在浏览器中打开校验报告');
});
