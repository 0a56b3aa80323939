import { allRules } from '../src/rules';
const lines = allRules.map((r) => `  '${r.meta.id}': '${r.meta.title.replace(/'/g, "\\'")}',`);
console.log(`/**
 * The Chinese titles of the rules (their meta.title), by id, for the views: a table of its own so that the page's
 * main bundle need not carry the rule catalog (the engine runs in a worker there). tests/format/view.test.ts
 * asserts it equals the catalog; after adding a rule, regenerate it: npx tsx scripts/rule-titles.ts > src/format/rule-titles.ts
 */
export const RULE_TITLES: Record<string, string> = {
${lines.join('\n')}
};`);
