/**
 * What the repository copies from ../shared (scripts/fixtures/copy-shared.ts) is current: the seed text excerpts the
 * default suite pastes into sheets, the spec's rule catalog, and docs/cli.md, the command-line contract.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, SEED_TEXT_RANGES, SHARED, cliDoc, copies } from '../../scripts/fixtures/copy-shared';

test.each([...copies()].map(([rel, text]) => [rel, text]))('%s matches ../shared (npx tsx scripts/fixtures/copy-shared.ts rewrites it)', (rel, text) => {
  expect(fs.readFileSync(path.join(ROOT, rel), 'utf8')).toBe(text);
});

test('every seed text excerpt is a contiguous run of lines of the seed, as numbered there', () => {
  for (const [file, [first, last]] of Object.entries(SEED_TEXT_RANGES)) {
    const seed = fs.readFileSync(path.join(SHARED, 'seeds', file), 'utf8').split('\n');
    const excerpt = fs.readFileSync(path.join(ROOT, 'fixtures/seed-text', file), 'utf8').split('\n');
    expect(excerpt.length - 1).toBe(last - first + 1);
    expect(excerpt[0]).toBe(seed[first - 1]);
    expect(excerpt[last - first]).toBe(seed[last - 1]);
  }
});

test('docs/cli.md is the spec contract with its links pointing inside the repository', () => {
  const spec = fs.readFileSync(path.join(SHARED, 'spec/cli.md'), 'utf8');
  const doc = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
  expect(doc).toBe(cliDoc(spec));
  // Identical in meaning: apart from the leading note and the one link, the same lines.
  const strip = (s: string) => s.replace(/^<!--[\s\S]*?-->\n/, '').replace('[rules.md](rules.md)', '`rules.md`');
  expect(strip(doc)).toBe(spec);
  expect(fs.existsSync(path.join(ROOT, 'docs/rules.md'))).toBe(true);
});
