/**
 * What the browser tests need around them: the test builds (webpack run in-process with --env e2e, cached by
 * source hash and shared by every suite and run), a static server on 127.0.0.1 only, and Debian's Chromium driven
 * by playwright-core (never a downloaded browser).
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, promises as fsp, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join, normalize, relative, resolve, sep } from 'path';
import { chromium, type BrowserContext } from 'playwright-core';
import webpack from 'webpack';

export const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A hash of everything the test builds are made from, so an unchanged tree reuses the last build. */
function sourceHash(): string {
  const h = createHash('sha256');
  const add = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p).sort()) add(join(p, e));
    else h.update(relative(ROOT, p)).update(readFileSync(p));
  };
  const inputs = ['src', 'tests/e2e', 'tests/simulator', 'tests/wps/et-simulator.ts', 'assets', 'manifest.xml', 'webpack.config.js', 'webpack.web.config.js', 'webpack.wps.config.js', 'scripts/esbuild-lower-loader.js', 'scripts/bundle-guard.js', 'package.json', 'package-lock.json', 'tsconfig.json'];
  for (const p of inputs) if (existsSync(join(ROOT, p))) add(join(ROOT, p));
  return h.digest('hex').slice(0, 16);
}

/** Builds older than this are removed from the cache when a new one is stored (other trees may share node_modules). */
const CACHE_KEEP_MS = 24 * 3600 * 1000;

/**
 * A webpack build of `configFile` (development mode, `env`), built once per source tree: cached under
 * node_modules/.cache/budget-e2e/<kind>/<source hash>, so every suite and every later run with the same sources
 * reuses it. `reuseEnv` names a variable that points at a build directory to use as is (to iterate on the tests).
 */
async function cachedBuild(kind: string, configFile: string, env: Record<string, string>, marker: string, reuseEnv: string): Promise<string> {
  const reuse = process.env[reuseEnv];
  if (reuse && existsSync(join(reuse, marker))) return reuse;
  const cache = join(ROOT, 'node_modules', '.cache', 'budget-e2e', kind);
  const cached = join(cache, sourceHash());
  if (!reuse && existsSync(join(cached, marker))) return cached;
  mkdirSync(cache, { recursive: true });
  const outDir = reuse ?? mkdtempSync(join(cache, 'building-'));
   
  const makeConfig = require(join(ROOT, configFile));
  const config = await makeConfig({ ...env, e2e: '1', outDir }, { mode: 'development' });
  await new Promise<void>((res, rej) => {
    webpack(config, (err, stats) => {
      if (err) return rej(err);
      if (stats?.hasErrors()) return rej(new Error(stats.toString('errors-only')));
      res();
    });
  });
  if (reuse) return outDir;
  if (existsSync(join(cached, marker))) {
    rmSync(outDir, { recursive: true, force: true }); // another process stored the same build meanwhile
    return cached;
  }
  rmSync(cached, { recursive: true, force: true });
  renameSync(outDir, cached);
  for (const e of readdirSync(cache)) {
    const p = join(cache, e);
    if (p !== cached && Date.now() - statSync(p).mtimeMs > CACHE_KEEP_MS) rmSync(p, { recursive: true, force: true });
  }
  return cached;
}

/**
 * The task pane and its test page (tests/e2e/sim). office.js points at a local path that does not exist: no
 * network. E2E_BUILD_DIR reuses a build.
 */
export function buildTestPages(): Promise<string> {
  return cachedBuild('pane', 'webpack.config.js', { officeJsUrl: 'office-js-not-deployed/office.js' }, 'taskpane-sim.html', 'E2E_BUILD_DIR');
}

/** The web page (src/web), tree-shaken development build. WEB_E2E_BUILD_DIR reuses a build. */
export function buildWebPage(): Promise<string> {
  return cachedBuild('web', 'webpack.web.config.js', {}, 'index.html', 'WEB_E2E_BUILD_DIR');
}

/**
 * The WPS 加载项 (webpack.wps.config.js, development mode) with its test page wps-sim.html: the build root holds
 * publish.xml, jsplugins.xml and the add-in folder budgetcheck_<version>/. WPS_E2E_BUILD_DIR reuses a build.
 */
export function buildWpsAddin(): Promise<string> {
  const { folderName } = require(join(ROOT, 'webpack.wps.config.js'));
  return cachedBuild('wps', 'webpack.wps.config.js', {}, join(folderName(), 'wps-sim.html'), 'WPS_E2E_BUILD_DIR');
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface StaticServer {
  url: string;
  /** Serves `body` at `path` (e.g. /data/001.json). */
  put(path: string, body: string | Buffer): void;
  close(): Promise<void>;
}

/** Files under `dirs` (URL prefix → directory) and the bodies put(), on 127.0.0.1, any free port. */
export async function serveStatic(dirs: Record<string, string>): Promise<StaticServer> {
  const extra = new Map<string, string | Buffer>();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    try {
      const body = extra.get(path) ?? (await readUnder(dirs, path));
      if (body === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': MIME[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    put: (p, b) => extra.set(p, b),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function readUnder(dirs: Record<string, string>, path: string): Promise<Buffer | undefined> {
  for (const [prefix, dir] of Object.entries(dirs).sort((a, b) => b[0].length - a[0].length)) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(resolve(dir) + sep)) return undefined;
    try {
      return await fsp.readFile(file);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh profile; 320 px wide like an Excel task pane. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's: apt-get install -y --no-install-recommends chromium fonts-noto-cjk ` +
        '(.ci/run does it), or set CHROMIUM_PATH.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'budget-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 320, height: 760 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where the suites save screenshots: screenshots/ with SCREENSHOTS=1 (to commit and look at), else a temp folder. */
export const SHOTS = process.env.SCREENSHOTS === '1' ? join(ROOT, 'screenshots') : join(tmpdir(), 'budget-check-screenshots');

/** A suite's static server (see serveStatic) and browser, started together, and the screenshot folder made. */
export async function startSuite(dirs: Record<string, string>): Promise<{ server: StaticServer; browser: Browser }> {
  const server = await serveStatic(dirs);
  try {
    const browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    return { server, browser };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** Closes what a suite started and removes its temporary folder; any part may be missing (its beforeAll failed early). */
export async function stopSuite(parts: { browser?: Browser; server?: StaticServer; tmp?: string }): Promise<void> {
  await parts.browser?.close();
  await parts.server?.close();
  if (parts.tmp) rmSync(parts.tmp, { recursive: true, force: true });
}
