/** manifest.xml: the offline check of scripts/validate-manifest.ts passes, and catches what it is there for. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkManifest } from '../../scripts/validate-manifest';

const webpackConfig = require('../../webpack.config.js');

const ROOT = join(__dirname, '..', '..');
const xml = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const check = (text: string) => checkManifest(text, ROOT);

test('manifest.xml passes the offline check: Excel, 预算公开校验助手, task pane at https://localhost:3000', () => {
  expect(check(xml)).toEqual([]);
  expect(xml).toContain('<DisplayName DefaultValue="预算公开校验助手"/>');
  expect(xml).toContain('<Host Name="Workbook"/>');
  expect(xml).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
});

test.each([
  ['not well-formed', (s: string) => s.replace('</Hosts>', ''), /XML 格式错误/],
  ['no Excel host', (s: string) => s.replace('<Host Name="Workbook"/>', '<Host Name="Document"/>'), /Workbook/],
  ['elements out of order', (s: string) => s.replace(/(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, '$2$1'), /顺序/],
  ['a resid that resolves nowhere', (s: string) => s.replace('resid="OpenPane.Tooltip"', 'resid="Nope"'), /“Nope”/],
  ['a resid of the wrong kind', (s: string) => s.replace('<Label resid="Group.Label"/>', '<Label resid="OpenPane.Tooltip"/>'), /ShortStrings/],
  ['an http URL', (s: string) => s.replace('https://localhost:3000/commands.html', 'http://localhost:3000/commands.html'), /https/],
  ['a missing icon file', (s: string) => s.replace('assets/icon-80.png', 'assets/icon-81.png'), /不存在/],
  ['a missing required element', (s: string) => s.replace(/<Permissions>[^<]*<\/Permissions>/, ''), /Permissions/],
])('the offline check reports %s', (_, mutate, message) => {
  const problems = check(mutate(xml));
  expect(problems.join('\n')).toMatch(message);
});

test('every URL in manifest.xml is one the production build replaces: https://localhost:3000/… or the bare origin in <AppDomain>', () => {
  const urls = [...xml.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !/schemas\.microsoft\.com|www\.w3\.org/.test(u));
  expect(urls.length).toBeGreaterThanOrEqual(10);
  const bare = urls.filter((u) => !u.startsWith('https://localhost:3000/'));
  expect(bare).toEqual(['https://localhost:3000']);
  expect(xml).toContain('<AppDomain>https://localhost:3000</AppDomain>');
});

test('the deployed manifest (webpack.config.js): every URL replaced, <AppDomain> by the origin, nothing else changed', async () => {
  const cfg = await webpackConfig({ addinUrl: 'https://a.example.gov.cn/budget/addin' }, { mode: 'production' });
  type Pattern = { from: string; transform?: (c: Buffer) => string | Buffer };
  const copy = cfg.plugins.find((p: { patterns?: Pattern[] }) => p.patterns)?.patterns as Pattern[];
  const deployed = String(copy.find((p) => p.from === 'manifest.xml')!.transform!(Buffer.from(xml)));
  expect(deployed).not.toMatch(/localhost/);
  expect(deployed).toContain('<AppDomain>https://a.example.gov.cn</AppDomain>');
  expect(deployed).toContain('<SourceLocation DefaultValue="https://a.example.gov.cn/budget/addin/taskpane.html"/>');
  expect(check(deployed)).toEqual([]);
  expect(deployed.split('https://a.example.gov.cn/budget/addin/').join('https://localhost:3000/').split('https://a.example.gov.cn').join('https://localhost:3000')).toBe(xml);
});
