/**
 * Build of the Excel add-in (modelled on Microsoft's React task pane template).
 *
 *   npm run build              production bundle in dist/ (office.js from Microsoft's CDN)
 *   npm run build:intranet     same, with @microsoft/office-js copied to dist/office-js/ and used from there
 *   npm start                  dev server https://localhost:3000 with office-addin-dev-certs certificates
 *
 * Options (env variables or `--env name=value`):
 *   OFFICE_JS_URL / officeJsUrl   where taskpane.html loads office.js from (default: Microsoft's CDN)
 *   officejs=local                copy office.js into the bundle and load it from there (intranets)
 *   officejs=21vianet             load office.js from the CDN of Microsoft 365 operated by 21Vianet (世纪互联)
 *   ADDIN_URL / addinUrl          deployed base URL written into dist/manifest.xml instead of https://localhost:3000/
 *   e2e=1                         also build the test page taskpane-sim (tests/e2e), not part of a deployment
 *
 * The task pane reads the workbook through Office.js only: ExcelJS, the .xlsx reader and Node built-ins must
 * never end up in its bundle (scripts/bundle-guard.js fails the build if they do).
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { WebpackError } = require('webpack');
const { BundleGuard } = require('./scripts/bundle-guard');

/** The scheduler package react-dom depends on (node_modules/react-dom/node_modules/scheduler when nested). */
const SCHEDULER = path.dirname(require.resolve('scheduler/package.json', { paths: [path.dirname(require.resolve('react-dom/package.json'))] }));

const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/**
 * Office.js for Microsoft 365 operated by 21Vianet (世纪互联): add-ins for that cloud load it from its own CDN.
 * https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn
 */
const CDN_OFFICE_JS_21VIANET = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';
const DEV_URL = 'https://localhost:3000/';
/** The dev server's origin alone, as <AppDomain> carries it (no trailing slash). */
const DEV_ORIGIN = 'https://localhost:3000';
/**
 * The syntax the bundle is written in, our code and the dependencies alike: the oldest webview the manifest
 * admits that can run the pane at all. manifest.xml asks for ExcelApi 1.4, which Excel 2019/2021 and Microsoft
 * 365 for Mac have; on a Mac the task pane is the system's WKWebView, so the oldest is the Safari of the oldest macOS
 * those Office versions install on — Safari 12 on macOS 10.13 (Office 2019 for Mac) for syntax, and we claim
 * Safari/WebKit 14.1 (macOS 10.14.6/10.15 with its updates; Office 2021 for Mac) as the oldest supported: Fluent's
 * tabster and keyborg call WeakRef (Safari 14.1) unguarded; built-ins are not polyfilled. ES2019 is every
 * syntax Safari 12 parses (optional chaining, ?? and class fields/static blocks are newer); regular expression
 * lookbehind (ES2018 but Safari 16.4) is checked for separately by tests/build/production.test.ts.
 * On Windows the pane is WebView2 (Chromium) or — Office 2016/2019 volume-licensed — Internet Explorer 11 /
 * EdgeHTML, which get a Chinese message from taskpane.html instead (src/excel/host-support.ts).
 * https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins
 */
const OLDEST_WEBVIEW = { ecma: 'es2019', esbuild: 'es2019' };
const LOCAL_OFFICE_DIR = 'office-js';
/** office.js files for other Office applications: not needed by an Excel add-in. */
const OTHER_HOSTS = /^(access|onenote|outlook|powerpoint|project|visio|word)[-.]/i;

/**
 * Modules the task pane must not contain: the .xlsx/.docx libraries (the pane reads through Office.js) and
 * the CLI. Pure helpers of src/xlsx (colours, number formats) are fine as long as they pull none of these.
 */
const FORBIDDEN_IN_PANE = [
  /[\\/]node_modules[\\/](exceljs|jszip|saxes|docx|unzipper|archiver)[\\/]/,
  /[\\/]src[\\/](cli|xlsx[\\/](read|write-copy))[\\/.]/,
];
/**
 * The one exception: 下载 .docx loads src/docx/write.ts and the `docx` package (with its zip library
 * fflate) on demand, as a separate async chunk (import() in NarrativeActions.tsx); 选择情况说明文件 loads the
 * Word reader (fflate) and 选择上年公开文件 SheetJS (with saxes, and JSZip for an .ods) the same way
 * (src/ui/side-files.ts). The result's components and the Fluent parts only they use load as the "results"
 * chunk once a check starts. They may be in async chunks only, never in a chunk the pane loads at start.
 */
const ASYNC_ONLY_IN_PANE = new RegExp(
  [
    /[\\/]node_modules[\\/](docx|fflate|saxes|jszip|@e965[\\/]xlsx)[\\/]/.source,
    // Fluent parts only the result shows (src/ui/lazy-results.tsx, the "results" chunk): the pane starts without
    // them (issue 13: at most 200 KB gzip at start).
    /[\\/]node_modules[\\/](tabster|@fluentui[\\/]react-(menu|accordion|tabs|table|badge|radio|checkbox|positioning|link))[\\/]/.source,
  ].join('|'),
);


/**
 * After a production build: the gzip size of every script the task pane loads at start (its entry and the entry's
 * initial chunks; goal: at most 200 KB together, issue 13), then the chunks loaded on demand.
 */
class PaneSizeReport {
  apply(compiler) {
    compiler.hooks.done.tap('PaneSizeReport', (stats) => {
      if (stats.hasErrors() || compiler.options.mode !== 'production') return;
      const zlib = require('zlib');
      const entry = stats.compilation.entrypoints.get('taskpane');
      const chunk = stats.compilation.namedChunks.get('taskpane');
      const js = (c) => [...(c?.files ?? [])].filter((f) => f.endsWith('.js'));
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      const size = (f) => {
        const source = require('fs').readFileSync(path.join(stats.compilation.outputOptions.path, f));
        return [source.length, zlib.gzipSync(source, { level: 9 }).length];
      };
      let startGz = 0;
      for (const f of (entry?.chunks ?? []).flatMap(js)) {
        const [raw, gz] = size(f);
        startGz += gz;
        console.log(`任务窗格启动脚本 ${f}：${kb(raw)}，gzip ${kb(gz)}`);
      }
      console.log(`任务窗格启动时共 gzip ${kb(startGz)}${startGz <= 200 * 1024 ? '' : '（超过 200 KB 目标）'}`);
      // Chunks loaded on demand (the result, 下载 .docx, side files): not part of the 200 KB at start.
      for (const c of chunk ? chunk.getAllAsyncChunks() : []) {
        for (const f of js(c)) {
          const [raw, gz] = size(f);
          console.log(`  按需加载 ${f}：${kb(raw)}，gzip ${kb(gz)}`);
        }
      }
    });
  }
}

/**
 * manifest.xml with the dev server's URLs replaced by the deployed base URL: every https://localhost:3000/… and
 * the bare origin in <AppDomain> (which has no trailing slash), which becomes the deployed URL's origin.
 */
function deployedManifest(xml, addinUrl) {
  return xml.split(DEV_URL).join(addinUrl).split(DEV_ORIGIN).join(new URL(addinUrl).origin);
}

/**
 * A production build's dist/manifest.xml must not point at the dev server: an error when a URL was given and
 * some localhost address survived the replacement, a warning when no URL was given at all.
 */
class DeployedManifestGuard {
  constructor(production, hasUrl) {
    this.production = production;
    this.hasUrl = hasUrl;
  }
  apply(compiler) {
    if (!this.production) return;
    compiler.hooks.thisCompilation.tap('DeployedManifestGuard', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'DeployedManifestGuard', stage: Infinity }, (assets) => {
        const asset = assets['manifest.xml'];
        if (!asset) return;
        const left = asset.source().toString().match(/https?:\/\/localhost[^"<\s]*/g);
        if (!left) return;
        if (this.hasUrl) {
          compilation.errors.push(new WebpackError(`dist/manifest.xml 仍含开发地址：${[...new Set(left)].join('、')}`));
        } else {
          compilation.warnings.push(
            new WebpackError(
              `dist/manifest.xml 仍指向开发服务器 https://localhost:3000（${left.length} 处）：部署前请用 --env addinUrl=https://…/ 或 ADDIN_URL 指定网站地址重新构建。`,
            ),
          );
        }
      });
    });
  }
}

/** Printed when `npm start` is up: how to load the add-in into Excel. */
function sideloadHelp(port) {
  return [
    '',
    `预算公开校验助手开发服务器已启动：https://localhost:${port}/taskpane.html`,
    '将加载项加载到 Excel：',
    '  · 本机装有 Excel（Windows / Mac）：npm start 会通过 office-addin-debugging 自动旁加载并打开 Excel；停止：npm run stop',
    '  · Excel 网页版：开始 → 加载项 → 更多加载项 → 我的加载项 → 上传我的加载项，选择本目录的 manifest.xml',
    '  · Windows 手动旁加载：把 manifest.xml 放入共享文件夹并设为受信任的加载项目录（见 docs/deployment.md）',
    '首次使用需信任 localhost 开发证书：npx office-addin-dev-certs install',
    '按 Ctrl+C 或运行 npm run stop 停止服务器。',
    '',
  ].join('\n');
}

function option(env, name, envName) {
  return env[name] ?? process.env[envName];
}

/** Webpack config; `env` as from `webpack --env`, also called directly by the e2e tests. */
async function config(env = {}, argv = {}) {
  const mode = argv.mode || env.mode || (env.WEBPACK_SERVE ? 'development' : 'production');
  const dev = mode === 'development';
  const localOfficeJs = option(env, 'officejs', 'OFFICE_JS') === 'local';
  const vianet = option(env, 'officejs', 'OFFICE_JS') === '21vianet';
  const officeJsUrl =
    option(env, 'officeJsUrl', 'OFFICE_JS_URL') ||
    (localOfficeJs ? `${LOCAL_OFFICE_DIR}/office.js` : vianet ? CDN_OFFICE_JS_21VIANET : CDN_OFFICE_JS);
  let addinUrl = option(env, 'addinUrl', 'ADDIN_URL');
  if (addinUrl && !addinUrl.endsWith('/')) addinUrl += '/';
  const e2e = !!env.e2e;
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist');

  // save-page: save.html, opened in the user's browser to save a file on a Mac (src/taskpane/delivery.ts).
  const entry = { taskpane: './src/taskpane/index.tsx', 'save-page': './src/taskpane/save-page.ts' };
  const pages = [
    new HtmlWebpackPlugin({
      filename: 'taskpane.html',
      template: './src/taskpane/taskpane.html',
      chunks: ['taskpane'],
      officeJsUrl,
      scriptLoading: 'defer',
    }),
    new HtmlWebpackPlugin({
      filename: 'save.html',
      template: './src/taskpane/save.html',
      chunks: ['save-page'],
      scriptLoading: 'defer',
    }),
    new HtmlWebpackPlugin({
      filename: 'commands.html',
      template: './src/taskpane/commands.html',
      chunks: [],
      officeJsUrl,
    }),
  ];
  if (e2e) {
    entry['taskpane-sim'] = './tests/e2e/sim/entry.tsx';
    pages.push(
      new HtmlWebpackPlugin({
        filename: 'taskpane-sim.html',
        template: './tests/e2e/sim/sim.html',
        chunks: ['taskpane-sim'],
      }),
    );
  }

  const copy = [
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => (addinUrl ? deployedManifest(content.toString(), addinUrl) : content),
    },
  ];
  if (localOfficeJs) {
    copy.push({
      from: 'node_modules/@microsoft/office-js/dist',
      to: LOCAL_OFFICE_DIR,
      globOptions: { ignore: ['**/*.d.ts', '**/office-vsdoc.js'] },
      filter: (file) => !OTHER_HOSTS.test(path.basename(file)),
      // Microsoft's files as published: `minimized` tells the production minimizer (terser-webpack-plugin) to
      // leave them alone, so they are byte for byte those of @microsoft/office-js.
      // https://github.com/webpack-contrib/copy-webpack-plugin#info
      info: { minimized: true },
    });
  }

  const cfg = {
    mode,
    context: __dirname,
    target: ['web', OLDEST_WEBVIEW.ecma],
    entry,
    // The e2e test build: development speed, but tree-shaken like production so the page loads quickly.
    devtool: e2e && dev ? false : dev ? 'eval-cheap-module-source-map' : 'source-map',
    optimization: e2e && dev ? { usedExports: true, sideEffects: true, concatenateModules: true } : {},
    output: {
      path: outDir,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
      publicPath: 'auto',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      // One scheduler: react-dom's own (0.23) for Fluent's context selector too, which would otherwise bundle the
      // newer top-level copy into the result's chunk (its peer range, >=0.19, admits react-dom's).
      alias: { scheduler$: SCHEDULER },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              compilerOptions: { module: 'es2020', moduleResolution: 'bundler', target: OLDEST_WEBVIEW.ecma, sourceMap: true },
            },
          },
        },
        {
          // Dependencies are published in whatever syntax their authors chose (tabster: ES2022): lowered too.
          test: /\.[cm]?js$/,
          include: /[\\/]node_modules[\\/]/,
          use: { loader: path.resolve(__dirname, 'scripts/esbuild-lower-loader.js'), options: { target: OLDEST_WEBVIEW.esbuild } },
        },
      ],
    },
    plugins: [
      ...pages,
      new CopyWebpackPlugin({ patterns: copy }),
      new BundleGuard({ chunkNames: ['taskpane'], forbidden: FORBIDDEN_IN_PANE, asyncOnly: ASYNC_ONLY_IN_PANE, what: 'task pane bundle', root: __dirname }),
      new PaneSizeReport(),
      new DeployedManifestGuard(!dev && !e2e, !!addinUrl),
    ],
    performance: {
      hints: dev ? false : 'warning',
      maxEntrypointSize: 1_500_000,
      maxAssetSize: 1_500_000,
      // Microsoft's office.js copy (build:intranet) is not ours to shrink.
      assetFilter: (file) => !file.startsWith(`${LOCAL_OFFICE_DIR}/`) && !file.endsWith('.map'),
    },
    stats: 'errors-warnings',
    devServer: {
      host: 'localhost',
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      client: { overlay: { warnings: false } },
      onListening: (server) => console.log(sideloadHelp(server.server.address().port)),
    },
  };

  if (env.WEBPACK_SERVE) {
    cfg.devServer.server = { type: 'https', options: await devCertificates() };
  }
  return cfg;
}

/** office-addin-dev-certs' localhost certificate (installs its CA on first use, as the Office templates do). */
async function devCertificates() {
  if (process.env.DEV_CERTS === 'self-signed') return {};
  try {
    const devCerts = require('office-addin-dev-certs');
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    console.error(
      `无法获取 localhost 开发证书（${e.message}）。请运行 npx office-addin-dev-certs install，` +
        '或设置 DEV_CERTS=self-signed 使用自签名证书（Excel 可能拒绝加载）。',
    );
    throw e;
  }
}

module.exports = config;
module.exports.CDN_OFFICE_JS = CDN_OFFICE_JS;
module.exports.CDN_OFFICE_JS_21VIANET = CDN_OFFICE_JS_21VIANET;
module.exports.OLDEST_WEBVIEW = OLDEST_WEBVIEW;
module.exports.LOCAL_OFFICE_DIR = LOCAL_OFFICE_DIR;
module.exports.OTHER_HOSTS = OTHER_HOSTS;
