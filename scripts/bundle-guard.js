'use strict';
/**
 * A webpack plugin that fails the build when a pane's chunks hold modules they must not: `forbidden` anywhere, and
 * `asyncOnly` anywhere but in a chunk loaded on demand. After splitChunks, so the chunks checked are the ones
 * emitted. Used by the Excel pane (webpack.config.js) and the WPS pane (webpack.wps.config.js).
 */
const path = require('path');
const { WebpackError } = require('webpack');

class BundleGuard {
  /** @param {{ chunkNames: string[], forbidden: RegExp[], asyncOnly: RegExp, what: string, root: string }} options */
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { chunkNames, forbidden, asyncOnly, what, root } = this.options;
    compiler.hooks.thisCompilation.tap('BundleGuard', (compilation) => {
      compilation.hooks.afterOptimizeChunks.tap('BundleGuard', () => {
        for (const name of chunkNames) {
          const entry = compilation.entrypoints.get(name);
          if (!entry) continue;
          const initial = new Set(entry.chunks);
          const lazy = new Set();
          for (const c of initial) for (const a of c.getAllAsyncChunks()) if (!initial.has(a)) lazy.add(a);
          const check = (chunk, isAsync) => {
            for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
              const res = m.resource || m.identifier();
              if (isAsync && asyncOnly.test(res)) continue;
              if (forbidden.some((re) => re.test(res)) || /^node:/.test(res)) {
                const where = isAsync ? `${name} (async chunk ${chunk.name ?? chunk.id})` : name;
                compilation.errors.push(new WebpackError(`${where}: ${path.relative(root, res)} must not be in the ${what}`));
              }
            }
          };
          for (const c of initial) check(c, false);
          for (const c of lazy) check(c, true);
        }
      });
    });
  }
}

module.exports = { BundleGuard };
