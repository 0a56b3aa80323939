/**
 * The rule catalog (docs/rules.md), in the order the engine (src/engine) runs it.
 * Order matters for auto-fill: intra-table rules come before cross-table ones, so a total that two rules
 * could fill is filled from its own table's parts.
 */
import { crossRules } from './cross';
import { inputRules } from './input';
import { intraRules } from './intra';
import { performanceRules } from './performance';
import { narrativeRules } from './narrative';
import type { Rule } from './rule';

export const allRules: Rule[] = [...inputRules, ...intraRules, ...crossRules, ...performanceRules, ...narrativeRules];
