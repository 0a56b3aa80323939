/**
 * Every performance-target rule of rules.md ("Performance target sheets"), one module per family:
 *  - funds.ts      P.funds_sum (error), P.funds_order (error), P.funds_source (warning)
 *  - match.ts      P.match_T12 (error), P.coverage (error) — pairing in matching.ts
 *  - indicators.ts P.indicators (error), P.cost_vs_fund (warning)
 *  - text.ts       P.text (error)
 *  - summary.ts    P.summary (error; a name that differs between the list and the sheet: warning)
 *  - fields.ts     P.period, P.indicator_level, P.one_off_amount (error)
 */
import type { Rule } from '../rule';
import { fieldRules } from './fields';
import { fundsRules } from './funds';
import { indicatorRules } from './indicators';
import { matchRules } from './match';
import { summaryRules } from './summary';
import { textRules } from './text';

export const performanceRules: Rule[] = [...fundsRules, ...matchRules, ...indicatorRules, ...textRules, ...summaryRules, ...fieldRules];

export { fieldRules, fundsRules, indicatorRules, matchRules, summaryRules, textRules };
