/**
 * The jest transform: TypeScript/TSX → CommonJS with esbuild (types are checked by `npm run typecheck`, not here).
 * A test file that calls jest.mock() goes through ts-jest instead, whose transform hoists those calls above the
 * imports as jest requires (esbuild does not know about jest).
 */
const { createHash } = require('crypto');
const { readFileSync } = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '../..');
const TSCONFIG = readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
const { compilerOptions } = JSON.parse(TSCONFIG);
const VERSION = `${esbuild.version}:${require('ts-jest/package.json').version}:${createHash('sha256').update(readFileSync(__filename)).digest('hex')}`;
const needsHoisting = (src) => /\bjest\s*\.\s*(mock|unmock|enableAutomock|disableAutomock|deepUnmock)\s*\(/.test(src);

let tsJest;
const viaTsJest = () => (tsJest ??= require('ts-jest').default.createTransformer({ tsconfig: path.join(ROOT, 'tsconfig.json') }));

module.exports = {
  getCacheKey(src, file, options) {
    return createHash('sha256').update(VERSION).update(TSCONFIG).update(file).update('\0').update(src).update(options.instrument ? 'cov' : '').digest('hex');
  },
  process(src, file, options) {
    if (needsHoisting(src)) return viaTsJest().process(src, file, options);
    const { code, map } = esbuild.transformSync(src, {
      loader: file.endsWith('.tsx') ? 'tsx' : file.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      platform: 'node',
      sourcefile: file,
      sourcemap: 'external',
      sourcesContent: false,
      tsconfigRaw: { compilerOptions },
      // import() → require(): jest runs CommonJS, and its vm has no dynamic-import callback without a flag.
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
