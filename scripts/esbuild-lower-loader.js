/**
 * A webpack loader that lowers a dependency's JavaScript to the syntax of the oldest webview the add-in admits
 * (webpack.config.js OLDEST_WEBVIEW), with esbuild's transform API (esbuild is already a dev dependency, so no
 * esbuild-loader package). ts-loader compiles our own code to the same target; this does the same for
 * node_modules, which webpack otherwise copies as published (Fluent UI's tabster ships class static blocks, ES2022).
 *
 * Module syntax (import/export, require) is left as it is: `format` is not set, so esbuild only lowers syntax and
 * webpack still sees the modules and tree-shakes them. esbuild refuses what cannot be lowered (BigInt literals,
 * top-level await to ES2019): the build then fails naming the file, rather than shipping code the webview cannot parse.
 * https://esbuild.github.io/api/#target , https://esbuild.github.io/api/#transform
 */
const esbuild = require('esbuild');

module.exports = function esbuildLowerLoader(source, map) {
  const done = this.async();
  const { target } = this.getOptions();
  esbuild
    .transform(source, {
      loader: 'js',
      target,
      sourcefile: this.resourcePath,
      sourcemap: this.sourceMap ? 'external' : false,
      // Keep names and comments webpack reads (/* webpackChunkName */, /*#__PURE__*/).
      legalComments: 'inline',
      // webpack itself rewrites import() and import.meta, so they may stay for it to see.
      supported: { 'dynamic-import': true, 'import-meta': true },
    })
    .then(
      (r) => done(null, r.code, r.map ? JSON.parse(r.map) : map),
      (e) => done(new Error(`${this.resourcePath}: 无法转换为 ${target}：${e.message}`)),
    );
};
