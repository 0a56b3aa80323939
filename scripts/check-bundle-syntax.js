/**
 * Does a built bundle parse in the oldest webview the add-in admits? Parses every emitted .js file of a build
 * directory (not the office-js/ copy of Microsoft's files) with acorn at webpack.config.js OLDEST_WEBVIEW's
 * ECMAScript version, and also reports regular-expression lookbehind ((?<= (?<!), which acorn admits from ES2018
 * but Safari parses only from 16.4 — a literal using it is a SyntaxError for the whole file there.
 *
 *   node scripts/check-bundle-syntax.js dist        exit 0 when every file parses, 1 (with the places) otherwise
 *
 * acorn's ecmaVersion: https://github.com/acornjs/acorn/tree/master/acorn#interface
 */
const { readdirSync, readFileSync, statSync } = require('fs');
const { join, relative } = require('path');
const acorn = require('acorn');

/** `es2019` → 2019. */
function ecmaYear(target) {
  const m = /^es(\d{4})$/i.exec(String(target));
  if (!m) throw new Error(`不支持的目标 ${target}（应为 es2019 这样的写法）`);
  return Number(m[1]);
}

/** The problems of one script's text (empty when it parses), each with line and column. */
function checkSyntax(code, ecmaVersion) {
  const problems = [];
  try {
    const tokens = acorn.tokenizer(code, { ecmaVersion, sourceType: 'script', locations: true, allowHashBang: true });
    for (const t of tokens) {
      if (t.type === acorn.tokTypes.regexp && /\(\?<[=!]/.test(t.value.pattern)) {
        problems.push(`${t.loc.start.line}:${t.loc.start.column + 1} 正则表达式使用了后行断言 /${t.value.pattern.slice(0, 40)}/`);
      }
    }
    // The tokenizer does not see everything the grammar forbids (e.g. a class static block): a full parse too.
    acorn.parse(code, { ecmaVersion, sourceType: 'script', allowHashBang: true });
  } catch (e) {
    const where = e.loc ? `${e.loc.line}:${e.loc.column + 1} ` : '';
    const around = typeof e.pos === 'number' ? `（附近：${JSON.stringify(code.slice(Math.max(0, e.pos - 30), e.pos + 30))}）` : '';
    problems.push(`${where}${e.message.replace(/\s*\(\d+:\d+\)$/, '')}${around}`);
  }
  return problems;
}

/** The emitted scripts of a build directory, except Microsoft's office.js copy. */
function bundleFiles(dir, officeDir = 'office-js') {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        if (relative(dir, p) !== officeDir) walk(p);
      } else if (/\.[cm]?js$/.test(e)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** { file: problems[] } for every script in `dir` that does not parse at `target`. */
function checkBundle(dir, target) {
  const year = ecmaYear(target);
  const failures = {};
  for (const f of bundleFiles(dir)) {
    const problems = checkSyntax(readFileSync(f, 'utf8'), year);
    if (problems.length) failures[relative(dir, f)] = problems;
  }
  return failures;
}

module.exports = { checkSyntax, checkBundle, bundleFiles, ecmaYear };

if (require.main === module) {
  const dir = process.argv[2] || 'dist';
  const target = process.argv[3] || require('../webpack.config.js').OLDEST_WEBVIEW.ecma;
  const files = bundleFiles(dir);
  if (!files.length) {
    console.error(`${dir} 中没有脚本文件：请先运行 npm run build`);
    process.exit(2);
  }
  const failures = checkBundle(dir, target);
  const bad = Object.keys(failures);
  for (const f of bad) for (const p of failures[f]) console.error(`${f}:${p}`);
  console.log(bad.length ? `${bad.length} / ${files.length} 个脚本无法按 ${target} 解析` : `${files.length} 个脚本均可按 ${target} 解析`);
  process.exit(bad.length ? 1 : 0);
}
