#!/usr/bin/env node
/**
 * Run by `npm test` before jest: installs the Debian packages some suites need (tests/helpers/test-env.js lists
 * them: Chromium and CJK fonts for the browser tests, LibreOffice and openpyxl for the fidelity tests) when they
 * are missing and we may — root, or passwordless sudo, and apt-get. Packages come from the Debian archive the
 * machine is configured with; no browser is downloaded from anywhere else.
 *
 * When it cannot install, it says so in one sentence and jest leaves those suites out (jest.config.js); in CI
 * (CI=true) a requirement still missing fails the run here.
 *
 *   node scripts/test-setup.js [--dry-run]     (--dry-run: print what would be installed, install nothing)
 */
const { spawnSync } = require('child_process');
const { CI, REQUIREMENTS, missingPackages, onPath, sentence } = require('../tests/helpers/test-env');

const dryRun = process.argv.includes('--dry-run');
const say = (s) => process.stderr.write(`test-setup: ${s}\n`);

function installer() {
  if (!onPath('apt-get')) return { why: 'apt-get is not available' };
  if (process.getuid?.() === 0) return { prefix: [] };
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return { prefix: ['sudo', '-n'] };
  return { why: 'installing needs root or passwordless sudo' };
}

function run(prefix, args) {
  const [cmd, ...rest] = [...prefix, ...args];
  const r = spawnSync(cmd, rest, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0 ? null : String(r.stderr || r.error || `exit ${r.status}`).trim().split('\n').pop();
}

function main() {
  const missing = missingPackages() ?? REQUIREMENTS.filter((r) => !r.ready()).flatMap((r) => r.packages);
  if (missing.length) {
    const how = installer();
    if (dryRun) say(`would install ${missing.join(' ')}${how.why ? ` — but cannot: ${how.why}` : ''}`);
    else if (how.why) say(`cannot install ${missing.join(' ')}: ${how.why}.`);
    else {
      say(`installing ${missing.join(' ')} from Debian (apt-get; once, takes a few minutes)…`);
      const failed = run(how.prefix, ['apt-get', 'update']) ?? run(how.prefix, ['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
      if (failed) say(`apt-get failed (${failed}).`);
    }
  }
  const unmet = REQUIREMENTS.filter((r) => !r.ready());
  if (CI && unmet.length) {
    for (const r of unmet) say(`CI: ${sentence(r).replace(/^Not running/, 'Cannot run')}`);
    process.exit(1);
  }
}

main();
