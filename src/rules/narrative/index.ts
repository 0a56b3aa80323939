/** Every N.* rule: the figures against the tables (check.ts), then the wording (wording/). */
import type { Rule } from '../rule';
import { narrativeFigureRules } from './check';
import { previousRules } from './previous';
import { wordingRules } from './wording';

export { narrativeFigureRules, previousRules, wordingRules };
/** The previous-year rules (previous.ts) report nothing unless last year's disclosure is given (rec.previous). */
export const narrativeRules: Rule[] = [...narrativeFigureRules, ...wordingRules, ...previousRules];
