/**
 * Build of the WPS 加载项 (docs/wps.md):
 *
 *   npm run build:wps     dist-wps/ — the add-in folder budgetcheck_<version>/ as wpsjs lays one out (ribbon.xml,
 *                         index.html + main.js with the ribbon callbacks, taskpane.html + its bundle, manifest.xml,
 *                         images/), and beside it publish.xml (offline, per user) and jsplugins.xml (online / oem.ini)
 *
 * Everything the pane needs is in the folder: no CDN, no office.js, no network at run time.
 *
 * Options (env variables or `--env name=value`):
 *   WPS_ADDIN_URL / addinUrl   the server folder the add-in is served from, written into jsplugins.xml
 *                              (default http://127.0.0.1:3889/budgetcheck_<version>/, the wpsjs debug server)
 *   e2e=1                      also build the test page wps-sim.html (tests/e2e/wps-sim), not part of a deployment
 *   outDir                     where to build (default dist-wps)
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { sources } = require('webpack');
const { BundleGuard } = require('./scripts/bundle-guard');
const pkg = require('./package.json');

/** The add-in's name in publish.xml / jsplugins.xml: letters, digits and underscores only (wpsjs requires it). */
const ADDIN_NAME = 'budgetcheck';
const ADDIN_TYPE = 'et';
const folderName = () => `${ADDIN_NAME}_${pkg.version}`;

/** Modules the pane must not contain: the .xlsx/.docx libraries (it reads through the ET object model) and the CLI. */
const FORBIDDEN = [
  /[\\/]node_modules[\\/](exceljs|jszip|saxes|unzipper|archiver|@microsoft[\\/]office-js)[\\/]/,
  /[\\/]src[\\/](cli|excel|xlsx[\\/](read|write-copy))[\\/.]/,
];
/**
 * Loaded on demand only, never at start: 下载 .docx (docx, fflate), 选择情况说明文件 (fflate) and 选择上年公开文件
 * (SheetJS with saxes, and JSZip for an .ods), as async chunks (src/ui/side-files.ts), as in the Excel pane.
 */
const ASYNC_ONLY = /[\\/]node_modules[\\/](docx|fflate|saxes|jszip|@e965[\\/]xlsx)[\\/]/;

function xmlAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The offline registration (jsaddons/publish.xml), as `wpsjs build` writes it for an offline add-in. */
function publishXml() {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<jsplugins>',
    `  <jsplugin name="${ADDIN_NAME}" type="${ADDIN_TYPE}" url="${folderName()}" version="${pkg.version}" enable="enable_dev" install="null" customDomain=""/>`,
    '</jsplugins>',
    '',
  ].join('\n');
}

/** The online registration (the file oem.ini's JSPluginsServer points at), as `wpsjs debug` writes it. */
function jspluginsXml(url) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<jsplugins>',
    `  <jspluginonline name="${ADDIN_NAME}" type="${ADDIN_TYPE}" url="${xmlAttr(url)}"/>`,
    '</jsplugins>',
    '',
  ].join('\n');
}


/** Emits ../publish.xml and ../jsplugins.xml beside the add-in folder. */
class RegistrationFiles {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('RegistrationFiles', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'RegistrationFiles', stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset('../publish.xml', new sources.RawSource(publishXml()));
        compilation.emitAsset('../jsplugins.xml', new sources.RawSource(jspluginsXml(this.url)));
      });
    });
  }
}

function option(env, name, envName) {
  return env[name] ?? process.env[envName];
}

/** Webpack config; `env` as from `webpack --env`, also called directly by the e2e tests. */
async function config(env = {}, argv = {}) {
  const mode = argv.mode || env.mode || 'production';
  const dev = mode === 'development';
  const e2e = !!env.e2e;
  const root = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist-wps');
  const outDir = path.join(root, folderName());
  let url = option(env, 'addinUrl', 'WPS_ADDIN_URL') || `http://127.0.0.1:3889/${folderName()}/`;
  if (!url.endsWith('/')) url += '/';

  const entry = { main: './src/wps/app/ribbon.ts', taskpane: './src/wps/pane/index.tsx' };
  const pages = [
    new HtmlWebpackPlugin({ filename: 'index.html', template: './src/wps/app/index.html', chunks: ['main'], scriptLoading: 'blocking', inject: 'body' }),
    new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/wps/pane/taskpane.html', chunks: ['taskpane'], scriptLoading: 'defer' }),
  ];
  if (e2e) {
    entry['wps-sim'] = './tests/e2e/wps-sim/entry.tsx';
    pages.push(new HtmlWebpackPlugin({ filename: 'wps-sim.html', template: './tests/e2e/sim/sim.html', chunks: ['wps-sim'] }));
  }

  return {
    mode,
    context: __dirname,
    target: ['web', 'es2020'],
    entry,
    devtool: dev ? false : 'source-map',
    optimization: dev ? { usedExports: true, sideEffects: true, concatenateModules: true } : {},
    output: {
      path: outDir,
      // main.js keeps its name: index.html is what WPS opens, but the wpsjs layout names the script main.js.
      filename: (data) => (data.chunk.name === 'main' ? 'main.js' : dev ? '[name].js' : '[name].[contenthash:8].js'),
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
      publicPath: 'auto',
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              compilerOptions: { module: 'es2020', moduleResolution: 'bundler', target: 'es2020', sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      ...pages,
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/app/ribbon.xml', to: 'ribbon.xml' },
          { from: 'src/wps/app/manifest.xml', to: 'manifest.xml' },
          { from: 'assets/icon-32.png', to: 'images/check.png' },
        ],
      }),
      // the on-demand modules are forbidden in the start chunks as well (the guard skips them only in lazy ones)
      new BundleGuard({ chunkNames: ['taskpane', 'main'], forbidden: [...FORBIDDEN, ASYNC_ONLY], asyncOnly: ASYNC_ONLY, what: 'WPS pane bundle', root: __dirname }),
      new RegistrationFiles(url),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

module.exports = config;
module.exports.ADDIN_NAME = ADDIN_NAME;
module.exports.folderName = folderName;
module.exports.publishXml = publishXml;
module.exports.jspluginsXml = jspluginsXml;
