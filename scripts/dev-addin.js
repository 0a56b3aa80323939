/**
 * npm start / npm run stop, with the habits of Microsoft's Office add-in templates (Office-Addin-TaskPane-React):
 *
 *   npm start          a desktop Excel here (Windows, Mac): office-addin-debugging starts the dev server
 *                      (npm run dev-server), installs the localhost certificate and sideloads manifest.xml into Excel.
 *                      No desktop Excel (Linux, a build server, a Windows without Office): says so in Chinese, says
 *                      how to load the add-in instead (Excel on the web, another computer, the web page), and starts
 *                      the dev server alone.
 *   npm run stop       undoes what the last npm start did: office-addin-debugging stop (unregisters the add-in and
 *                      stops its dev server), or stops the dev server npm start started — by its recorded process id,
 *                      nothing else.
 *
 * Options: npm start -- --no-sideload (dev server only, even with Excel), --dry-run (print what would happen).
 * office-addin-debugging is run from node_modules when installed, else through npx (npm's own client).
 * https://learn.microsoft.com/office/dev/add-ins/testing/test-debug-non-local-server , the template's package.json.
 */
const { spawn, spawnSync } = require('child_process');
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = 'manifest.xml';
const DEBUGGING_VERSION = '7';
/** What the last npm start of this checkout started (per checkout: node_modules may be shared between checkouts). */
const STATE =
  process.env.BUDGET_DEV_STATE ||
  path.join(require('os').tmpdir(), `budget-dev-addin-${require('crypto').createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}.json`);

/** Where a desktop Excel is on this computer, or null. `probe` is injectable for tests. */
function findDesktopExcel(probe = {}) {
  const platform = probe.platform ?? process.platform;
  const exists = probe.exists ?? existsSync;
  const env = probe.env ?? process.env;
  if (platform === 'darwin') {
    for (const p of ['/Applications/Microsoft Excel.app', path.join(env.HOME || '', 'Applications/Microsoft Excel.app')]) if (exists(p)) return p;
    return null;
  }
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432].filter(Boolean);
    for (const r of roots) {
      for (const sub of ['Microsoft Office\\root\\Office16\\EXCEL.EXE', 'Microsoft Office\\Office16\\EXCEL.EXE', 'Microsoft Office\\root\\Office15\\EXCEL.EXE']) {
        const p = path.win32.join(r, sub);
        if (exists(p)) return p;
      }
    }
    const reg = probe.regQuery ?? ((key) => spawnSync('reg', ['query', key], { stdio: 'ignore' }).status === 0);
    const key = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe';
    return reg(key) ? key : null;
  }
  return null;
}

/** The office-addin-debugging command: the installed one, else npx. */
function debuggingCommand(resolve = require.resolve) {
  try {
    const pkg = resolve('office-addin-debugging/package.json', { paths: [ROOT] });
    const bin = JSON.parse(readFileSync(pkg, 'utf8')).bin;
    const rel = typeof bin === 'string' ? bin : bin['office-addin-debugging'];
    return { command: process.execPath, args: [path.join(path.dirname(pkg), rel)], installed: true };
  } catch {
    return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', args: ['--yes', `office-addin-debugging@${DEBUGGING_VERSION}`], installed: false };
  }
}

const OS_NAME = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/** What npm start does here: { action, command, args, message } (message in Chinese, for the terminal). */
function startPlan({ excel, platform = process.platform, noSideload = false, debugging = debuggingCommand(), port = 3000 }) {
  const url = `https://localhost:${port}/taskpane.html`;
  if (excel && !noSideload) {
    return {
      action: 'sideload',
      command: debugging.command,
      args: [...debugging.args, 'start', MANIFEST, 'desktop', '--app', 'excel'],
      message: [
        `检测到桌面版 Excel（${excel}）。`,
        `正在用 office-addin-debugging 启动开发服务器 ${url}、安装 localhost 开发证书并把 ${MANIFEST} 旁加载到 Excel；`,
        debugging.installed ? '' : `（本机未安装 office-addin-debugging，将通过 npx 从 npm 获取 ${DEBUGGING_VERSION}.x 版本）`,
        'Excel 打开后，在“开始”选项卡点击“预算校验”。停止：npm run stop。',
      ].filter(Boolean).join('\n'),
    };
  }
  const why = excel
    ? '已按 --no-sideload 只启动开发服务器，不旁加载。'
    : `未检测到桌面版 Excel（本机：${OS_NAME[platform] || platform}），无法自动旁加载，只启动开发服务器 ${url}。`;
  return {
    action: 'serve',
    command: process.platform === 'win32' ? 'npm.cmd' : 'npm',
    args: ['run', 'dev-server'],
    message: [
      why,
      '要在 Excel 中使用加载项，请任选其一：',
      `  · Excel 网页版：在浏览器中打开一个工作簿 → 开始 → 加载项 → 更多加载项 → 我的加载项 → 上传我的加载项，选择本目录的 ${MANIFEST}`,
      '    （本机需信任开发证书：npx office-addin-dev-certs install；Linux 上请手工把证书加入浏览器的受信任根证书）；',
      '  · 在装有 Excel 的 Windows 或 Mac 电脑上运行 npm start，会自动旁加载；',
      '  · 不用 Excel：npm run web 打开网页版校验工具，或 npm run test:e2e 在模拟器中运行任务窗格。',
      '停止：npm run stop（或按 Ctrl+C）。',
    ].join('\n'),
  };
}

function readState() {
  try {
    return JSON.parse(readFileSync(STATE, 'utf8'));
  } catch {
    return null;
  }
}

function writeState(state) {
  mkdirSync(path.dirname(STATE), { recursive: true });
  writeFileSync(STATE, JSON.stringify(state));
}

/** Whether process `pid` is alive. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function start(argv) {
  const dryRun = argv.includes('--dry-run');
  const port = Number(process.env.npm_package_config_dev_server_port || 3000);
  const plan = startPlan({ excel: findDesktopExcel(), noSideload: argv.includes('--no-sideload'), port });
  console.log(plan.message);
  if (dryRun) {
    console.log(`（--dry-run：将运行 ${[path.basename(plan.command), ...plan.args].join(' ')}）`);
    return;
  }
  // detached on POSIX: its own process group, so npm run stop can end the dev server and what it started.
  const child = spawn(plan.command, plan.args, { cwd: ROOT, stdio: 'inherit', detached: process.platform !== 'win32' });
  writeState({ action: plan.action, pid: child.pid, group: process.platform !== 'win32', startedAt: new Date().toISOString() });
  const forward = (sig) => () => child.kill(sig);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code) => {
    // office-addin-debugging start returns once Excel is up (the dev server keeps running): keep the state for stop.
    if (plan.action === 'serve') rmSync(STATE, { force: true });
    process.exitCode = code ?? 0;
  });
}

function stop() {
  const state = readState();
  if (state?.action === 'sideload' || (!state && findDesktopExcel())) {
    const d = debuggingCommand();
    const r = spawnSync(d.command, [...d.args, 'stop', MANIFEST], { cwd: ROOT, stdio: 'inherit' });
    rmSync(STATE, { force: true });
    console.log(r.status === 0 ? '已停止调试：加载项已从 Excel 移除，开发服务器已停止。' : 'office-addin-debugging stop 未能完成，请关闭 Excel 后重试。');
    process.exitCode = r.status ?? 1;
    return;
  }
  if (!state || !state.pid || !alive(state.pid)) {
    rmSync(STATE, { force: true });
    console.log('没有正在运行的开发服务器（npm start 未启动，或已经停止）。');
    return;
  }
  try {
    // Its process group (webpack serve and its workers) when npm start made one, else the process alone.
    process.kill(state.group ? -state.pid : state.pid, 'SIGTERM');
  } catch {
    process.kill(state.pid, 'SIGTERM');
  }
  rmSync(STATE, { force: true });
  console.log(`已停止开发服务器（进程 ${state.pid}）。`);
}

module.exports = { findDesktopExcel, startPlan, debuggingCommand, STATE };

if (require.main === module) {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'start') start(rest);
  else if (cmd === 'stop') stop();
  else {
    console.error('用法：node scripts/dev-addin.js start [--no-sideload] [--dry-run] | stop');
    process.exitCode = 2;
  }
}
