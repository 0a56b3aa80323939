import { readFileSync } from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../../scripts/rules-doc';
import { allRules } from '../../src/rules';

test('docs/rules.md is generated from the rules’ meta and up to date (npx tsx scripts/rules-doc.ts)', () => {
  const committed = readFileSync(path.resolve(__dirname, '../../docs/rules.md'), 'utf8');
  expect(committed).toBe(rulesMarkdown());
});

test('every rule has an id, a Chinese title and a description', () => {
  for (const r of allRules) {
    expect(r.meta.id).toMatch(/^(T\d+|X|P|N|INPUT|HIER)(\.|$)/);
    expect(r.meta.title).toMatch(/[\u4e00-\u9fff]/);
    expect(r.meta.description.length).toBeGreaterThan(4);
  }
});
