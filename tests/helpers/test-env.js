/**
 * The programs outside Node that some suites need, in one place: the Debian packages that bring them, how to tell
 * they are there, and which test files need them. scripts/test-setup.js (run by `npm test` first) installs the
 * missing packages when it may; jest.config.js leaves out the suites whose programs are still missing, with one
 * sentence each — except in CI (CI=true), where they run and fail.
 *
 * To add a requirement (or a package to one), extend REQUIREMENTS; nothing else needs to change.
 */
const { execFileSync, spawnSync } = require('child_process');
const { existsSync } = require('fs');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether `cmd` is an executable on PATH. */
function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => d && existsSync(path.join(d, cmd)));
}

const REQUIREMENTS = [
  {
    what: 'the browser tests (tests/e2e/*.e2e.test.ts: the task pane and the web page in headless Chromium)',
    packages: ['chromium', 'fonts-noto-cjk'],
    /** Test paths (jest regexps) that need it. */
    suites: ['/tests/e2e/.*\\.e2e\\.test\\.ts$'],
    ready: () => existsSync(CHROMIUM),
    missing: () => `no Chromium at ${CHROMIUM}`,
  },
  {
    what: 'the other-producer fidelity tests (tests/fidelity/, *.fidelity.test.ts: files written by LibreOffice and openpyxl)',
    packages: ['libreoffice-calc-nogui', 'libreoffice-writer-nogui', 'python3-openpyxl'],
    suites: ['/tests/fidelity/', '\\.fidelity\\.test\\.ts$'],
    ready: () =>
      (onPath('soffice') || existsSync('/usr/bin/soffice')) &&
      ['/usr/bin/python3', 'python3'].some((py) => spawnSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0),
    missing: () => 'no LibreOffice (soffice) or no openpyxl for python3',
  },
];

const ALL_PACKAGES = [...new Set(REQUIREMENTS.flatMap((r) => r.packages))];

/** The Debian packages of REQUIREMENTS not installed; null when this is not a dpkg system. */
function missingPackages(packages = ALL_PACKAGES) {
  if (!onPath('dpkg-query')) return null;
  let out = '';
  try {
    out = execFileSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...packages], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    out = String(e.stdout || ''); // exit 1 when some package is unknown; the known ones are still listed
  }
  const installed = new Set(out.split('\n').filter((l) => / installed$/.test(l)).map((l) => l.split(' ')[0]));
  return packages.filter((p) => !installed.has(p));
}

const CI = /^(1|true|yes)$/i.test(process.env.CI || '');

/** One sentence on why a requirement's suites do not run and how to get them running. */
function sentence(r) {
  return `Not running ${r.what}: ${r.missing()}. Install them with: sudo apt-get install -y --no-install-recommends ${r.packages.join(' ')} (npm test does it when run as root or with passwordless sudo).`;
}

/**
 * The requirements that are not met, and the jest ignore patterns of their suites (none in CI: there a missing
 * program must fail the run). With announce, prints one sentence per requirement left out.
 */
function unmetSuites({ announce = false } = {}) {
  const unmet = REQUIREMENTS.filter((r) => !r.ready());
  if (CI) return { unmet, ignore: [] };
  if (announce) for (const r of unmet) process.stderr.write(`${sentence(r)}\n`);
  return { unmet, ignore: unmet.flatMap((r) => r.suites) };
}

module.exports = { REQUIREMENTS, ALL_PACKAGES, CHROMIUM, CI, missingPackages, onPath, sentence, unmetSuites };
