/** Every cross-table rule of rules.md ("Cross-table"), grouped by family (one module each). */
import type { Rule } from '../rule';
import { advisoryRules } from './advisory';
import { generalBudgetRules } from './general-budget';
import { govFundRules } from './gov-fund';
import { incomeRules } from './income';
import { projectRules } from './projects';
import { t4Rules } from './t4';

export const crossRules: Rule[] = [
  ...incomeRules,
  ...generalBudgetRules,
  ...govFundRules,
  ...projectRules,
  ...t4Rules,
  ...advisoryRules,
];

export { advisoryRules, generalBudgetRules, govFundRules, incomeRules, projectRules, t4Rules };
