/** The wording rules of the 情况说明 (issue 15): faults of the words, not of the figures against the tables. */
import type { Rule } from '../../rule';
import { classNameRule } from './class-name';
import { deptUnitRule } from './dept-unit';
import { emptyTableNoteRule } from './empty-table';
import { flatChangeRule } from './flat-change';
import { reasonEmptyRule } from './reason-empty';
import { reasonMissingRule } from './reason-missing';
import { repeatRule } from './repeat';
import { sameFigureRule } from './same-figure';
import { sectionsRule } from './sections';
import { shareUnitRule } from './share-unit';
import { smeReserveRule } from './sme-reserve';
import { threePublicRule } from './three-public';
import { yearRule } from './year';
import { zeroBaseRule } from './zero-base';

export const wordingRules: Rule[] = [
  sameFigureRule,
  zeroBaseRule,
  yearRule,
  smeReserveRule,
  emptyTableNoteRule,
  repeatRule,
  reasonEmptyRule,
  flatChangeRule,
  reasonMissingRule,
  shareUnitRule,
  classNameRule,
  sectionsRule,
  threePublicRule,
  deptUnitRule,
];
