/** manifest.xml: the offline check of scripts/validate-manifest.ts passes, and catches what it is there for. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkManifest } from '../../scripts/validate-manifest';

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
