/**
 * npm start / npm run stop (scripts/dev-addin.js), the template's habits: sideload through office-addin-debugging
 * where a desktop Excel exists, and where none does (this machine: Linux) say in Chinese what to do and start the dev
 * server alone; stop ends exactly the process npm start recorded.
 */
import { spawn, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts/dev-addin.js');
const { findDesktopExcel, startPlan } = require(SCRIPT);

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

test('package.json has the template’s scripts: start, stop, dev-server, and the dev server port in config', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.scripts.start).toBe('node scripts/dev-addin.js start');
  expect(pkg.scripts.stop).toBe('node scripts/dev-addin.js stop');
  expect(pkg.scripts['dev-server']).toBe('webpack serve --mode development');
  expect(pkg.config.dev_server_port).toBe(3000);
});

test('on this machine (no desktop Excel) npm start says so in Chinese, says what to do, and plans the dev server only', () => {
  const r = run(['start', '--dry-run']);
  expect(r.status).toBe(0);
  if (findDesktopExcel()) {
    // A developer's Windows or Mac with Excel: the sideload path instead.
    expect(r.stdout).toContain('检测到桌面版 Excel');
    expect(r.stdout).toMatch(/office-addin-debugging(@7)? start manifest\.xml desktop --app excel/);
    return;
  }
  expect(r.stdout).toContain('未检测到桌面版 Excel');
  expect(r.stdout).toContain('上传我的加载项');
  expect(r.stdout).toContain('manifest.xml');
  expect(r.stdout).toContain('npm run stop');
  expect(r.stdout).toContain('将运行 npm run dev-server');
  expect(r.stdout).not.toContain('office-addin-debugging start');
});

test('a desktop Excel is found where Microsoft installs it (Mac, Windows paths, Windows App Paths key), and only there', () => {
  const has = (...paths: string[]) => (p: string) => paths.includes(p);
  expect(findDesktopExcel({ platform: 'darwin', exists: has('/Applications/Microsoft Excel.app'), env: {} })).toBe('/Applications/Microsoft Excel.app');
  expect(findDesktopExcel({ platform: 'darwin', exists: has(), env: { HOME: '/Users/a' } })).toBeNull();
  const win = { ProgramFiles: 'C:\\Program Files' };
  expect(
    findDesktopExcel({ platform: 'win32', env: win, exists: has('C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE'), regQuery: () => false }),
  ).toBe('C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE');
  expect(findDesktopExcel({ platform: 'win32', env: win, exists: has(), regQuery: (k: string) => /App Paths\\excel\.exe$/.test(k) })).toMatch(/App Paths/);
  expect(findDesktopExcel({ platform: 'win32', env: win, exists: has(), regQuery: () => false })).toBeNull();
  expect(findDesktopExcel({ platform: 'linux', exists: () => true, env: {} })).toBeNull();
});

test('with a desktop Excel, npm start runs office-addin-debugging start manifest.xml desktop for Excel (installed, or via npx)', () => {
  const installed = { command: '/usr/bin/node', args: ['/x/office-addin-debugging/lib/cli.js'], installed: true };
  const plan = startPlan({ excel: '/Applications/Microsoft Excel.app', platform: 'darwin', debugging: installed });
  expect(plan.action).toBe('sideload');
  expect([plan.command, ...plan.args]).toEqual(['/usr/bin/node', '/x/office-addin-debugging/lib/cli.js', 'start', 'manifest.xml', 'desktop', '--app', 'excel']);
  expect(plan.message).toContain('检测到桌面版 Excel');
  const viaNpx = startPlan({ excel: 'C:\\EXCEL.EXE', platform: 'win32', debugging: { command: 'npx', args: ['--yes', 'office-addin-debugging@7'], installed: false } });
  expect(viaNpx.args.slice(0, 4)).toEqual(['--yes', 'office-addin-debugging@7', 'start', 'manifest.xml']);
  expect(viaNpx.message).toContain('npx');
  // --no-sideload: the dev server only, even with Excel.
  expect(startPlan({ excel: 'C:\\EXCEL.EXE', platform: 'win32', noSideload: true, debugging: installed }).args).toEqual(['run', 'dev-server']);
});

describe('npm run stop', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-dev-addin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('ends the process group npm start recorded, and nothing else', async () => {
    // Stands for the dev server: a process with its own group, as npm start spawns it.
    const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    const bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const state = join(dir, 'state.json');
      writeFileSync(state, JSON.stringify({ action: 'serve', pid: server.pid, group: true }));
      const exited = new Promise<NodeJS.Signals | null>((res) => server.on('exit', (_code, sig) => res(sig)));
      const r = run(['stop'], { BUDGET_DEV_STATE: state });
      expect(r.stdout).toContain(`已停止开发服务器（进程 ${server.pid}）`);
      expect(await exited).toBe('SIGTERM');
      expect(bystander.exitCode).toBeNull();
      expect(() => readFileSync(state)).toThrow(); // the record is gone
      expect(run(['stop'], { BUDGET_DEV_STATE: state }).stdout).toContain('没有正在运行的开发服务器');
    } finally {
      bystander.kill();
      if (server.exitCode === null && server.signalCode === null) server.kill();
    }
  });

  test('a record of a process that is gone is dropped without touching anything', () => {
    const state = join(dir, 'state.json');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(state, JSON.stringify({ action: 'serve', pid: Number(gone.stdout), group: true }));
    const r = run(['stop'], { BUDGET_DEV_STATE: state });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('没有正在运行的开发服务器');
  });
});
