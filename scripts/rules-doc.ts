/**
 * Generates docs/rules.md, the rule reference a clerk or auditor reads, from the rules' own meta.
 * Run: npx tsx scripts/rules-doc.ts (a test fails when the committed page is out of date).
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { allRules } from '../src/rules';
import { readingRuleMeta } from '../src/rules/input';
import { groupTitle, GROUP_ORDER } from '../src/format/groups';
import type { Rule } from '../src/rules/rule';

const SEVERITY = { error: '错误', warning: '提示', info: '信息' } as const;

export function rulesMarkdown(rules: Rule[] = [...readingRuleMeta.map((meta) => ({ meta, check: () => undefined })), ...allRules]): string {
  // One entry per id (ids are unique across allRules: tests/rules/rule-kit.test.ts); the HIER.* family shares a heading.
  const byId = new Map<string, { rule: Rule; tables: string[] }>();
  for (const r of rules) {
    const e = byId.get(r.meta.id);
    if (e) {
      if (!e.tables.includes(r.meta.table)) e.tables.push(r.meta.table);
    } else byId.set(r.meta.id, { rule: r, tables: [r.meta.table] });
  }
  const groups = new Map<string, { rule: Rule; tables: string[] }[]>();
  for (const e of byId.values()) {
    const g = e.rule.meta.id.startsWith('X.') ? 'X' : e.rule.meta.id.startsWith('HIER.') ? 'HIER' : e.tables[0];
    groups.set(g, [...(groups.get(g) ?? []), e]);
  }
  const order = ['INPUT', ...GROUP_ORDER.filter((g) => g.startsWith('T')), 'HIER', 'X', 'P', 'N'];
  const title = (g: string) => (g === 'X' ? '跨表核对' : g === 'HIER' ? '科目层级（类 = Σ款，款 = Σ项，合计 = Σ类）' : groupTitle(g));
  const lines = [
    '# 校验规则一览 (Rule reference)',
    '',
    '本页由 `npx tsx scripts/rules-doc.ts` 根据各条规则的定义自动生成，请勿手工修改。',
    '',
    '- 金额单位：13 张表为万元（两位小数），绩效目标表为元。',
    '- 舍位：合计与其 n 个非零组成项之和相差不超过 0.005 × max(n, 2) 万元时为“提示（舍位差异）”，超过为“错误”。',
    '- 级别：错误 = 提交前必须改正；提示 = 舍位差异或建议性检查；信息 = 说明。',
    '',
    `共 ${byId.size} 条规则。`,
    '',
  ];
  for (const g of order) {
    const list = groups.get(g);
    if (!list) continue;
    lines.push(`## ${title(g)}`, '', '| 规则 | 名称 | 级别 | 校验内容 |', '|---|---|---|---|');
    for (const { rule } of list.sort((a, b) => a.rule.meta.id.localeCompare(b.rule.meta.id))) {
      lines.push(`| \`${rule.meta.id}\` | ${rule.meta.title} | ${SEVERITY[rule.meta.severity]} | ${rule.meta.description.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (require.main === module) {
  const out = path.resolve(__dirname, '../docs/rules.md');
  writeFileSync(out, rulesMarkdown());
  console.log(`wrote ${out}`);
}
