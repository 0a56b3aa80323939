/**
 * Build of the standalone web page (src/web): the checker in any modern browser, for desktops that run WPS
 * instead of Excel or sit on an intranet without Microsoft's CDN. Everything is bundled (no CDN, system fonts),
 * so the page works offline once its files are served.
 *
 *   npm run build:web     production build in dist-web/ (copy the folder to any web server or shared drive)
 *   npm run web           dev server on http://127.0.0.1:3100/
 *
 * Options (`--env name=value`): outDir (default dist-web), port (dev server, default 3100; WEB_PORT also works).
 * The engine runs in a Web Worker (engine-worker.*.js, fetched as the page starts) that holds the reader, the
 * recognisers, the rules and auto-fill; what a check of an .xlsx does not need is a chunk the worker loads on first
 * use: SheetJS (.xls/.et/.ods), the Word reader (a .docx 情况说明), the package patcher (the annotated and
 * auto-filled downloads), the 情况说明 generator with its .docx writer. The page's own script holds only the
 * interface before a check: the result's components, the sheet preview, the findings' wording and the report
 * writer are chunks too, as is the in-page engine (file:// pages, where browsers refuse workers).
 * Goal (issue 13, bench `web:first-load`): page script + engine worker ≤ 200 KB gzip.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

/** The scheduler package react-dom depends on (node_modules/react-dom/node_modules/scheduler when nested). */
const SCHEDULER = path.dirname(require.resolve('scheduler/package.json', { paths: [path.dirname(require.resolve('react-dom/package.json'))] }));

/**
 * After a production build: gzip sizes of the page's own script, of the engine worker (fetched in the background
 * as the page starts) and of the chunks loaded on first use (ExcelJS, the .docx writer, the in-page engine).
 */
class WebSizeReport {
  apply(compiler) {
    compiler.hooks.done.tap('WebSizeReport', (stats) => {
      if (stats.hasErrors() || compiler.options.mode !== 'production') return;
      const fs = require('fs');
      const zlib = require('zlib');
      const outDir = stats.compilation.outputOptions.path;
      const initial = new Set(stats.compilation.namedChunks.get('web')?.files ?? []);
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      const kind = (f) => (initial.has(f) ? 'page' : /^engine-worker\./.test(f) ? 'worker' : 'lazy');
      const label = { page: '页面', worker: '后台校验进程（页面打开时加载）', lazy: '按需加载' };
      const totals = { page: 0, worker: 0, lazy: 0 };
      const lines = [];
      for (const asset of Object.keys(stats.compilation.assets).filter((f) => f.endsWith('.js')).sort()) {
        const source = fs.readFileSync(path.join(outDir, asset));
        const gz = zlib.gzipSync(source, { level: 9 }).length;
        totals[kind(asset)] += gz;
        lines.push(`  ${asset}：${kb(source.length)}，gzip ${kb(gz)}（${label[kind(asset)]}）`);
      }
      console.log(`网页版脚本 gzip：页面 ${kb(totals.page)}，后台校验进程 ${kb(totals.worker)}，按需加载 ${kb(totals.lazy)}`);
      console.log(lines.join('\n'));
    });
  }
}

/** Webpack config; `env` as from `webpack --env`, also called directly by tests/e2e/web.e2e.test.ts. */
function config(env = {}, argv = {}) {
  const mode = argv.mode || env.mode || (env.WEBPACK_SERVE ? 'development' : 'production');
  const dev = mode === 'development';
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist-web');
  const port = Number(env.port || process.env.WEB_PORT || 3100);
  // The e2e build: development speed, but tree-shaken and without eval source maps so the page loads quickly.
  const fastDev = dev && !!env.e2e;

  return {
    mode,
    context: __dirname,
    target: ['web', 'es2020'],
    entry: { web: './src/web/index.tsx' },
    devtool: fastDev ? false : dev ? 'eval-cheap-module-source-map' : 'source-map',
    optimization: {
      ...(fastDev ? { usedExports: true, sideEffects: true, concatenateModules: true } : {}),
      // Each lazy chunk keeps its libraries (exceljs.*.js holds ExcelJS, narrative.*.js the docx package)
      // instead of anonymous vendor chunks: one request per download kind, and names that say what they are.
      splitChunks: {
        cacheGroups: {
          defaultVendors: false,
          default: false,
          // What the result list, the sheet preview and the report writer share (the findings' wording of
          // src/format, Fluent's tabs, badges and tabster): one chunk beside them, loaded with them as a check
          // starts, not a copy in each. The page's own script has none of it.
          resultShared: {
            name: 'result-shared',
            chunks: (chunk) => ['results', 'preview', 'report'].includes(chunk.name),
            minChunks: 2,
            minSize: 0,
            enforce: true,
          },
        },
      },
    },
    output: {
      path: outDir,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
      publicPath: 'auto',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      // src/xlsx/read.ts requires fs/path only inside readWorkbookFile (Node); the page uses readWorkbookBuffer.
      fallback: { fs: false, path: false, os: false },
      // One scheduler: react-dom's own (0.23) for Fluent's context selector too, which would otherwise bundle the
      // newer top-level copy (its peer range, >=0.19, admits react-dom's).
      alias: { scheduler$: SCHEDULER },
    },
    module: {
      rules: [
        // `…otf?inline`: the annotated PDF's CJK font as a data URL in a chunk of its own, for file:// pages
        // (where the font file itself cannot be fetched); src/web/engine/pdf.ts.
        { resourceQuery: /inline/, type: 'asset/inline' },
        // pdf.js's predefined CMaps and standard fonts as data URLs in a few chunks, loaded when a PDF needs one
        // (src/web/pdf/binary-data.ts): from file:// as from a server
        { test: /[\\/]pdfjs-dist[\\/](cmaps|standard_fonts)[\\/][^\\/]+\.(bcmap|pfb|ttf)$/, type: 'asset/inline', generator: { dataUrl: { mimetype: 'application/octet-stream' } } },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              compilerOptions: { module: 'es2020', moduleResolution: 'bundler', target: 'es2020', sourceMap: !fastDev },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/web/index.html', chunks: ['web'], scriptLoading: 'defer' }),
      new WebSizeReport(),
    ],
    // ExcelJS alone is ~950 KB minified; it is a lazily loaded chunk, so only the page's entry is held to a budget.
    performance: { hints: dev ? false : 'warning', maxEntrypointSize: 1_500_000, maxAssetSize: 1_500_000 },
    stats: 'errors-warnings',
    devServer: {
      host: '127.0.0.1',
      port,
      static: false,
      hot: false,
      client: { overlay: { warnings: false } },
      onListening: (server) =>
        console.log(`\n预算公开校验助手（网页版）已启动：http://127.0.0.1:${server.server.address().port}/\n按 Ctrl+C 停止。\n`),
    },
  };
}

module.exports = config;
