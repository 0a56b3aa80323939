/** Every N.* rule: the figures against the tables (check.ts), then the wording (wording/). */
import type { Rule } from '../rule';
import { narrativeFigureRules } from './check';
import { wordingRules } from './wording';

export { narrativeFigureRules, wordingRules };
export const narrativeRules: Rule[] = [...narrativeFigureRules, ...wordingRules];
