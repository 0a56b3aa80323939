/**
 * The production build as it is deployed (npm run build:intranet with an addinUrl): built once per source tree and
 * cached (node_modules/.cache/budget-build/<source hash>; BUILD_DIR=<dir> reuses a build as is), then checked:
 *   - every emitted script parses at the oldest webview's syntax (webpack.config.js OLDEST_WEBVIEW, ES2019), with
 *     no regular-expression lookbehind (scripts/check-bundle-syntax.js);
 *   - dist/manifest.xml has no dev-server URL left, <AppDomain> included, and passes the offline manifest check;
 *   - Microsoft's office.js files are copied byte for byte (not re-minified), and the pages load them from there.
 * The tests that read the built files live in this one file; the build (about 30 s of both cores) is made by
 * tests/build/production-build.ts, cached, and reused by tests/e2e/production.e2e.test.ts (the built pages in Chromium).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { checkManifest } from '../../scripts/validate-manifest';
import { ADDIN_URL, productionBuild } from './production-build';

const { checkBundle, checkSyntax, bundleFiles, ecmaYear } = require('../../scripts/check-bundle-syntax.js');
const webpackConfig = require('../../webpack.config.js');

jest.setTimeout(600_000);

const ROOT = resolve(__dirname, '..', '..');
const OFFICE_JS = join(ROOT, 'node_modules/@microsoft/office-js/dist');
const TARGET: string = webpackConfig.OLDEST_WEBVIEW.ecma;

let dist: string;
beforeAll(async () => {
  dist = await productionBuild();
});

describe('old webviews', () => {
  test(`the syntax check catches what ${TARGET} lacks (so a pass below means something)`, () => {
    const year = ecmaYear(TARGET);
    expect(checkSyntax('class A { static { init(); } }', year).join()).toMatch(/Unexpected token/);
    expect(checkSyntax('var x = a?.b ?? c;', year).join()).toMatch(/Unexpected token/);
    expect(checkSyntax('class A { x = 1 }', year).join()).toMatch(/Unexpected token/);
    expect(checkSyntax('var r = /(?<![比较])\\d{4}/g;', year).join()).toMatch(/后行断言/);
    expect(checkSyntax('var s = "(?<=a)"; var r = /\\(?<a/;', year)).toEqual([]);
    expect(checkSyntax('try { f(); } catch { g({ ...o }); }', year)).toEqual([]);
  });

  test(`every emitted script of the production build parses as ${TARGET}`, () => {
    const files: string[] = bundleFiles(dist).map((f: string) => relative(dist, f));
    // The task pane, its on-demand chunks (情况说明, .docx) — and nothing of office-js/.
    expect(files.some((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^narrative-docx\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
    expect(files.filter((f) => f.startsWith('office-js'))).toEqual([]);
    expect(checkBundle(dist, TARGET)).toEqual({});
  });

  test('taskpane.html’s own inline scripts parse as ES5, so Internet Explorer 11 (Office 2019 volume-licensed) shows its message', () => {
    const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(2);
    expect(inline.join('\n')).toContain('Trident');
    for (const code of inline) expect(checkSyntax(code, 5)).toEqual([]);
    expect(checkSyntax('var f = () => 1;', 5).join()).toMatch(/Unexpected token/);
  });

  test('Fluent’s tabster was in the bundle and lowered: its class static blocks are gone', () => {
    // Only the result's components use it, so it is in an async chunk ("results", src/ui/lazy-results.tsx).
    const maps = bundleFiles(dist).map((f: string) => JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] });
    expect(maps.some((m: { sources: string[] }) => m.sources.some((s) => /node_modules\/tabster\//.test(s)))).toBe(true);
    // As published, it has them (so the parse above would fail without the lowering).
    expect(readFileSync(join(ROOT, 'node_modules/tabster/dist/esm/Restorer.js'), 'utf8')).toMatch(/static\s*\{/);
  });
});

describe('the deployed manifest', () => {
  const manifest = () => readFileSync(join(dist, 'manifest.xml'), 'utf8');

  test('no dev-server address is left, <AppDomain> included', () => {
    const xml = manifest();
    expect(xml).not.toMatch(/localhost/);
    expect(xml).toContain('<AppDomain>https://budget-check.example.gov.cn</AppDomain>');
    const urls = [...xml.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !/schemas\.microsoft\.com|www\.w3\.org/.test(u));
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const u of urls) expect(u === 'https://budget-check.example.gov.cn' || u.startsWith(ADDIN_URL)).toBe(true);
  });

  test('it passes the offline manifest check, and differs from the source one only in its URLs', () => {
    expect(checkManifest(manifest(), dist)).toEqual([]);
    const source = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
    const back = manifest().split(ADDIN_URL).join('https://localhost:3000/').split('https://budget-check.example.gov.cn').join('https://localhost:3000');
    expect(back).toBe(source);
  });
});

describe('office.js in the intranet build', () => {
  test('every Excel office.js file is copied byte for byte from @microsoft/office-js, none re-minified', () => {
    const copied = join(dist, webpackConfig.LOCAL_OFFICE_DIR);
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [relative(copied, join(d, e))]));
    const files = walk(copied);
    expect(files).toContain('office.js');
    expect(files).toContain('excel-win32-16.01.js');
    expect(files).toContain('excel-mac-16.00.js');
    expect(files).toContain('excel-web-16.00.js');
    expect(files.some((f) => /^zh-cn[\\/]/.test(f))).toBe(true);
    expect(files.filter((f) => webpackConfig.OTHER_HOSTS.test(f.split(/[\\/]/).pop()!))).toEqual([]);
    const differ = files.filter((f) => !readFileSync(join(copied, f)).equals(readFileSync(join(OFFICE_JS, f))));
    expect(differ).toEqual([]);
  });

  test('both pages load office.js from the copy, by a relative address', () => {
    for (const page of ['taskpane.html', 'commands.html']) {
      const html = readFileSync(join(dist, page), 'utf8');
      expect(html).toMatch(new RegExp(`<script src="?${webpackConfig.LOCAL_OFFICE_DIR}/office\\.js"?>`));
      expect(html).not.toContain('appsforoffice.microsoft.com');
    }
  });
});
