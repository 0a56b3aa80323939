// globalSetup of the seeds suite (jest.seeds.config.js): one clear message, and a failed run, when the seed texts
// the fixture-building scripts read are not beside the clone.
const { existsSync, readdirSync } = require('fs');
const { resolve } = require('path');

module.exports = async () => {
  const shared = resolve(__dirname, '../../../shared');
  const seeds = resolve(shared, 'seeds');
  const ok = existsSync(seeds) && readdirSync(seeds).some((f) => /^\d{3}_.*\.txt$/.test(f)) && existsSync(resolve(shared, 'spec/cli.md'));
  if (!ok) {
    process.stderr.write(
      `\nnpm run test:seeds FAILED: the seed disclosures are not at ${seeds} (nor the spec at ${resolve(shared, 'spec')}). ` +
        'These tests check scripts/fixtures/*.ts against the seed texts and need the shared/ folder (seeds/*.txt, spec/*.md) ' +
        'beside the clone; the default suite (npm test) does not.\n\n',
    );
    process.exit(1);
  }
};
