/**
 * P.text: the descriptive fields of a target sheet are filled.
 *
 * The recogniser gives a text only when its value cell holds something, so a blank field has no cell of its own:
 * it is placed by its neighbours (the fields stand one per row, in the template's order, in one column), else at
 * the form's 项目名称.
 */
import type { Label, TargetSheet, TargetTextKey } from '../../tables/types';
import type { Rule } from '../rule';
import { anchorCell, reportAt, targetTitle } from './common';

const FIELDS: [TargetTextKey, string][] = [
  ['overview', '项目概况'],
  ['basis', '立项依据'],
  ['necessity', '项目设立必要性'],
  ['measures', '保证项目实施的制度、措施'],
  ['plan', '项目实施计划'],
];

/**
 * Where a blank descriptive field's value stands, judged from the filled ones: between two filled neighbours
 * by linear interpolation, else one step (the rows per field between filled fields, 1 when unknown) beyond the
 * nearest one, in its column.
 */
function slotOf(t: TargetSheet, index: number): { sheet: string; cell: string } {
  const filled = FIELDS.flatMap(([k], i) => (t.texts[k] ? [{ i, label: t.texts[k]! }] : []));
  if (!filled.length) return { sheet: t.sheet, cell: anchorCell(t) };
  const before = filled.filter((f) => f.i < index).pop();
  const after = filled.find((f) => f.i > index);
  const steps = filled.slice(1).map((f, k) => (f.label.row - filled[k].label.row) / (f.i - filled[k].i));
  const step = steps.length ? Math.max(1, Math.round(steps.sort((p, q) => p - q)[Math.floor(steps.length / 2)])) : 1;
  let row: number;
  let from: Label;
  if (before && after) {
    from = before.label;
    row = Math.round(before.label.row + ((after.label.row - before.label.row) * (index - before.i)) / (after.i - before.i));
  } else if (before) {
    from = before.label;
    row = before.label.row + step * (index - before.i);
  } else {
    from = after!.label;
    row = Math.max(1, after!.label.row - step * (after!.i - index));
  }
  return { sheet: t.sheet, cell: `${from.cell.replace(/\d+$/, '')}${row}` };
}

/** The form carries the field's label (a target made by hand, without the list, is taken to carry them all). */
function labelledField(t: TargetSheet, k: string): boolean {
  return !t.labelled || t.labelled.includes(k);
}

function blank(l: Label | undefined): boolean {
  return !l || !l.text.trim();
}

export const text: Rule = {
  meta: {
    id: 'P.text',
    severity: 'error',
    title: '绩效目标表文字栏目未填写',
    description:
      '项目概况、立项依据、项目设立必要性、保证项目实施的制度措施、项目实施计划、总体目标（实施期目标和年度目标）不得为空。' +
      '只有年度目标的表样：年度目标必填；其余五栏只要表中填了任何一栏，就视为表样有这五栏，五栏都须填写',
    table: 'P',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      const title = targetTitle(t);
      const anyDescriptive = FIELDS.some(([k]) => !blank(t.texts[k]));
      if (!t.annualOnly || anyDescriptive) {
        FIELDS.forEach(([k, name], i) => {
          if (!blank(t.texts[k])) return;
          // Only a field whose label the form carries is 未填写: a label that was not recognised (renamed, spelt
          // otherwise) is no proof the text is missing — its text may stand right beside it.
          if (!labelledField(t, k)) return;
          // Neither its empty cell nor a filled neighbour to place it by: not on the project's name instead.
          if (!t.slots?.[k] && t.labelled && !FIELDS.some(([x]) => t.texts[x])) return;
          // On the empty cell right of the field's label when the recogniser saw it, else placed by the neighbours.
          const slot = t.slots?.[k];
          reportAt(ctx, slot ? { sheet: slot.sheet, cell: slot.cell } : slotOf(t, i), [], { message: `${title}：“${name}”未填写`, expected: `${name}的内容`, actual: '（空）' });
        });
      }
      const goals: [TargetTextKey, string][] = t.annualOnly ? [['annualGoal', '年度目标']] : [['periodGoal', '实施期目标'], ['annualGoal', '年度目标']];
      for (const [k, name] of goals) {
        if (!blank(t.texts[k])) continue;
        const other = t.texts[k === 'annualGoal' ? 'periodGoal' : 'annualGoal'];
        // A blank goal stands beside the other one (same row), or two rows below 项目实施计划.
        const near = other ?? t.texts.plan;
        const slot = t.slots?.[k];
        // A goal whose heading was not recognised (renamed, spelt otherwise) is not known to be blank.
        // (A form with neither heading states its goal under 总体目标 alone: then the rule stands as before.)
        const headed = t.labelled && (t.labelled.includes('periodGoal') || t.labelled.includes('annualGoal'));
        if (!slot && !labelledField(t, k) && headed) continue;
        // A blank goal is reported on its own empty cell, never on the other (filled) goal beside it.
        if (!slot && t.labelled) continue;
        // The empty cell under (or right of) the goal's own heading; else beside the other goal.
        const stated = slot ? { sheet: slot.sheet, cell: slot.cell } : near ? { sheet: t.sheet, cell: near.cell } : { sheet: t.sheet, cell: anchorCell(t) };
        reportAt(ctx, stated, [], { message: `${title}：总体目标“${name}”未填写`, expected: `${name}的内容`, actual: '（空）' });
      }
    }
  },
};

export const textRules: Rule[] = [text];
