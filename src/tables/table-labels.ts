/**
 * The known labels of the 13 tables (header cells and the row labels matched by name), for completing a label cut
 * short by its column: "一般公共预" → 一般公共预算, "社会保障和就业支" → 社会保障和就业支出 (src/tables/labels.ts). Spellings
 * of one column or line share a key, so a prefix of two of them is no ambiguity.
 */
import { EXPENDITURE_CLASSES } from './classes';
import { Vocabulary } from './labels';
import { keyText } from './text';

export const TABLE_LABELS = new Vocabulary(
  [
    ['general', ['一般公共预算', '一般公共预算拨款', '一般公共预算拨款收入', '一般公共预算收入', '一般公共预算支出']],
    ['govFund', ['政府性基金预算', '政府性基金预算拨款', '政府性基金预算拨款收入', '政府性基金预算收入', '政府性基金预算支出']],
    ['stateCapital', ['国有资本经营预算', '国有资本经营预算拨款', '国有资本经营预算拨款收入', '国有资本经营预算收入']],
    ['specialAccount', ['财政专户管理资金', '财政专户管理资金收入']],
    ['unitFunds', ['单位资金', '单位资金收入', '事业收入', '其他收入']],
    ['carryover', ['上年结转', '上年结转安排', '上年财政拨款结转', '上年结转结余']],
    ['current', ['当年预算安排']],
    ['basic', ['基本支出']],
    ['project', ['项目支出']],
    ['personnel', ['人员经费']],
    ['public', ['公用经费']],
    ['incomeSum', ['本年收入合计']],
    ['incomeTotal', ['收入总计']],
    ['expSum', ['本年支出合计']],
    ['yearEndCarry', ['年终结转', '年终结转结余']],
    ['expTotal', ['支出总计']],
    ['abroad', ['因公出国（境）费', '因公出国境费']],
    ['vehicle', ['公务用车购置及运行费', '公务用车购置及运行维护费']],
    ['vehiclePurchase', ['公务用车购置费']],
    ['vehicleOperation', ['公务用车运行维护费', '公务用车运行费']],
    ['reception', ['公务接待费']],
    ['codeHeader', ['功能分类科目编码', '科目编码', '功能分类科目名称', '科目名称']],
    ['economic', ['部门预算支出经济科目', '政府预算支出经济科目']],
    // 表六's economic classes (other-tables.ts ECONOMIC_CLASSES).
    ...['工资福利支出', '商品和服务支出', '对个人和家庭的补助', '资本性支出', '对企业补助', '对社会保障基金补助', '债务利息及费用支出', '机关工资福利支出', '机关商品和服务支出', '机关资本性支出'].map(
      (n): [string, string[]] => [`economic:${n}`, [n]],
    ),
    ...EXPENDITURE_CLASSES.map((c): [string, string[]] => [`class:${c.code}`, [c.name]]),
  ],
  keyText,
);

/** A 13-table label (already in keyText form) completed when it is cut off. */
export function tableLabel(key: string): string {
  return key.length > 30 ? key : TABLE_LABELS.resolve(key);
}
