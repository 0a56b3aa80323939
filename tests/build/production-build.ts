/**
 * The production build the deployment uses (npm run build:intranet with an addinUrl), built once per source tree and
 * cached under node_modules/.cache/budget-build/<source hash> (BUILD_DIR=<dir> reuses a build as is). Shared by
 * tests/build/production.test.ts (the files) and tests/e2e/production.e2e.test.ts (the page in Chromium): whichever runs
 * first builds, the other reuses it.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import webpack from 'webpack';

const ROOT = resolve(__dirname, '..', '..');
export const ADDIN_URL = 'https://budget-check.example.gov.cn/addin/';
const webpackConfig = require('../../webpack.config.js');

function sourceHash(): string {
  const h = createHash('sha256');
  const add = (p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) add(join(p, e));
    else h.update(relative(ROOT, p)).update(readFileSync(p));
  };
  for (const p of ['src', 'assets', 'scripts/esbuild-lower-loader.js', 'scripts/bundle-guard.js', 'manifest.xml', 'webpack.config.js', 'package-lock.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, p))) add(join(ROOT, p));
  }
  return h.digest('hex').slice(0, 16);
}

export async function productionBuild(): Promise<string> {
  const reuse = process.env.BUILD_DIR;
  if (reuse && existsSync(join(reuse, 'taskpane.html'))) return reuse;
  const cache = join(ROOT, 'node_modules', '.cache', 'budget-build');
  const cached = join(cache, sourceHash());
  if (existsSync(join(cached, 'taskpane.html'))) return cached;
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'building-'));
  const config = await webpackConfig({ officejs: 'local', addinUrl: ADDIN_URL, outDir }, { mode: 'production' });
  await new Promise<void>((res, rej) =>
    webpack(config, (err, stats) => {
      if (err) return rej(err);
      if (stats?.hasErrors()) return rej(new Error(stats.toString('errors-only')));
      res();
    }),
  );
  if (existsSync(join(cached, 'taskpane.html'))) {
    rmSync(outDir, { recursive: true, force: true }); // another run stored the same build meanwhile
    return cached;
  }
  rmSync(cached, { recursive: true, force: true });
  renameSync(outDir, cached);
  for (const e of readdirSync(cache)) {
    const p = join(cache, e);
    if (p !== cached && Date.now() - statSync(p).mtimeMs > 24 * 3600 * 1000) rmSync(p, { recursive: true, force: true });
  }
  return cached;
}

