/**
 * webpack.config.js without building: where each kind of build loads office.js from, the syntax target, the save page,
 * and the deployed manifest's URL replacement. (The built output itself: tests/build/production.test.ts.)
 */
const config = require('../../webpack.config.js');

interface HtmlPlugin {
  userOptions?: { filename?: string; officeJsUrl?: string; chunks?: string[] };
}

async function pages(env: Record<string, string>) {
  const cfg = await config(env, { mode: 'production' });
  const html = (cfg.plugins as HtmlPlugin[]).filter((p) => p.userOptions?.filename);
  return { cfg, byName: Object.fromEntries(html.map((p) => [p.userOptions!.filename!, p.userOptions!])) };
}

test.each([
  [{}, 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js'],
  [{ officejs: 'local' }, 'office-js/office.js'],
  [{ officejs: '21vianet' }, 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js'],
  [{ officejs: '21vianet', officeJsUrl: 'https://mirror.example/office.js' }, 'https://mirror.example/office.js'],
])('env %j: taskpane.html and commands.html load office.js from %s', async (env, url) => {
  const { byName } = await pages(env as Record<string, string>);
  expect(byName['taskpane.html'].officeJsUrl).toBe(url);
  expect(byName['commands.html'].officeJsUrl).toBe(url);
});

test('the bundle targets the oldest webview (ES2019) and lowers node_modules too; save.html is its own small page', async () => {
  const { cfg, byName } = await pages({});
  expect(config.OLDEST_WEBVIEW.ecma).toBe('es2019');
  expect(cfg.target).toEqual(['web', 'es2019']);
  const rules = cfg.module.rules as { include?: RegExp; use: { loader: string; options?: { target?: string } } }[];
  const lower = rules.find((r) => /esbuild-lower-loader/.test(r.use.loader))!;
  expect(lower.include!.test('/x/node_modules/tabster/dist/esm/Restorer.js')).toBe(true);
  expect(lower.use.options!.target).toBe('es2019');
  expect(byName['save.html'].chunks).toEqual(['save-page']);
  expect(cfg.entry['save-page']).toMatch(/save-page\.ts$/);
});
