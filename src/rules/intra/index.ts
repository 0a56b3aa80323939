/** The intra-table rules of rules.md ("Intra-table"): each table checked on its own. */
import type { Rule } from '../rule';
import { hierarchyRules } from './hierarchy';
import { projectRules } from './projects';
import { rowRules } from './rows';
import { t1Rules } from './t1';
import { t4Rules } from './t4';
import { t6Rules } from './t6';
import { t9Rules } from './t9';
import { t10Rules } from './t10';
import { t11Rules } from './t11';

export const intraRules: Rule[] = [
  ...t1Rules,
  ...rowRules,
  ...hierarchyRules,
  ...t4Rules,
  ...t6Rules,
  ...t9Rules,
  ...t10Rules,
  ...t11Rules,
  ...projectRules,
];
