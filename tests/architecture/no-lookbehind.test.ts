/**
 * Safari before 16.4 (the Mac webview of older Office for Mac) cannot parse a regular-expression lookbehind, and
 * one in any module the task pane bundles makes its whole script fail to load. The production-build test parses
 * the emitted bundle (tests/build/production.test.ts); this finds the same fault in the sources in a second.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const SRC = join(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

test('no regular expression in src/ uses a lookbehind (?<= / (?<!', () => {
  const found: string[] = [];
  for (const file of sources(SRC)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/^\s*(\*|\/\/).*$/, '').replace(/\/\/.*$/, '');
        if (/\(\?<[!=]/.test(code)) found.push(`${relative(SRC, file)}:${i + 1}`);
      });
  }
  expect(found).toEqual([]);
});
