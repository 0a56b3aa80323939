/**
 * The bureau's 审核口径 as data: which rules run, the severity of each, the tolerances and the change (≥ x%) that
 * needs a reason in the 情况说明. A front end reads `budget-check.config.json` (src/cli/config-file.ts) and hands
 * the parsed JSON to validateConfig(); the engine takes the validated EngineConfig as an option
 * (check(wb, rules, { config })). No I/O here.
 *
 * File format (every key optional):
 *   {
 *     "rules":      { "N.reason_missing": false, "P.*": true },        // on/off; "X.*" = a whole family
 *     "severity":   { "N.reason_missing": "error", "T6.class_of_cost": "info" },   // error | warning | info
 *     "tolerances": { "rounding": 0.01, "yuanVsWan": 100, "share": 0.01 },          // 万元 per figure, 元, 百分点
 *     "changeThreshold": 10                                                         // percent
 *   }
 * `rounding` is the 舍位 tolerance per rounded figure (default 0.005 万元: a total of n addends may be off by
 * rounding × max(n, 2)); `yuanVsWan` the 元 vs 万元 × 10000 slack of the target sheets (default 50 元); `share` the
 * slack of a printed share or rate (default 0.005 percentage points); `changeThreshold` the change, in percent, from
 * which 一/七/八 must say why (default 0: every change).
 */
import { Decimal, type Money } from '../model/money';
import type { Finding, Severity } from '../model/finding';
import { DEFAULT_TOLERANCES, type ToleranceSettings } from '../model/tolerance';
import type { Recognised } from '../tables/recognised';
import type { Rule } from '../rules/rule';
import { TABLE_IDS, type TableId } from '../tables/types';
import { TABLE_ORDINALS } from '../tables/identify';

export interface EngineConfig {
  /** Rule id (or "FAMILY.*") → on/off. */
  rules: Record<string, boolean>;
  /** Rule id (or "FAMILY.*") → severity of its findings at the rule's own grade. */
  severity: Record<string, Severity>;
  tolerances: ToleranceSettings;
  /** Where the configuration came from (a path), for the report; set by the front end. */
  source?: string;
}

/** A configuration that cannot be used: `message` is one Chinese line naming the key. */
export class ConfigError extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.key = key;
    Object.setPrototypeOf(this, ConfigError.prototype);
  }
}

const SEVERITIES: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', 错误: 'error', 提示: 'warning', 信息: 'info' };
const TOLERANCE_KEYS = { rounding: '万元', yuanVsWan: '元', share: '百分点' } as const;
const TOP_KEYS = ['rules', 'severity', 'tolerances', 'changeThreshold', '$schema', 'comment', '说明'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every rule id and family ("T1", "X", "P", "N", "HIER", "INPUT") a key may name. */
function knownIds(rules: Rule[]): { ids: Set<string>; families: Set<string> } {
  const ids = new Set(rules.map((r) => r.meta.id));
  // recognition's own findings (not rules in the list) may be re-graded too
  for (const id of ['INPUT.missing_table', 'INPUT.duplicate_table', 'INPUT.not_a_number']) ids.add(id);
  const families = new Set([...ids].map((id) => id.split('.')[0]));
  return { ids, families };
}

function checkRuleKey(where: string, key: string, known: ReturnType<typeof knownIds>): void {
  const fam = /^([A-Z0-9]+)\.\*$/.exec(key);
  if (fam ? known.families.has(fam[1]) : known.ids.has(key)) return;
  throw new ConfigError(`${where}.${key}`, `审核口径配置有误：${where}.${key} 不是已知的规则编号（见 docs/rules.md，整类可写作“N.*”）`);
}

function positive(key: string, v: unknown, unit: string, allowZero = false): Money {
  if (typeof v !== 'number' && typeof v !== 'string') throw new ConfigError(key, `审核口径配置有误：${key} 应为数字（${unit}），收到 ${JSON.stringify(v)}`);
  let d: Decimal;
  try {
    d = new Decimal(v);
  } catch {
    throw new ConfigError(key, `审核口径配置有误：${key} 应为数字（${unit}），收到 ${JSON.stringify(v)}`);
  }
  if (!d.isFinite() || d.isNeg() || (!allowZero && d.isZero())) throw new ConfigError(key, `审核口径配置有误：${key} 应为${allowZero ? '不小于 0' : '大于 0'}的数字（${unit}），收到 ${JSON.stringify(v)}`);
  return d;
}

/** Checks a parsed budget-check.config.json; throws ConfigError (one Chinese line naming the key) when it is wrong. */
export function validateConfig(json: unknown, rules: Rule[]): EngineConfig {
  if (!isObject(json)) throw new ConfigError('', '审核口径配置有误：文件内容应为一个 JSON 对象（{ … }）');
  for (const k of Object.keys(json)) if (!TOP_KEYS.includes(k)) throw new ConfigError(k, `审核口径配置有误：不认识的键 ${k}（可用：rules、severity、tolerances、changeThreshold）`);
  const known = knownIds(rules);
  const cfg: EngineConfig = { rules: {}, severity: {}, tolerances: {} };
  if (json.rules !== undefined) {
    if (!isObject(json.rules)) throw new ConfigError('rules', '审核口径配置有误：rules 应为对象，如 { "N.reason_missing": false }');
    for (const [k, v] of Object.entries(json.rules)) {
      checkRuleKey('rules', k, known);
      if (typeof v !== 'boolean') throw new ConfigError(`rules.${k}`, `审核口径配置有误：rules.${k} 应为 true（校验）或 false（不校验），收到 ${JSON.stringify(v)}`);
      cfg.rules[k] = v;
    }
  }
  if (json.severity !== undefined) {
    if (!isObject(json.severity)) throw new ConfigError('severity', '审核口径配置有误：severity 应为对象，如 { "N.reason_missing": "error" }');
    for (const [k, v] of Object.entries(json.severity)) {
      checkRuleKey('severity', k, known);
      const s = typeof v === 'string' ? SEVERITIES[v] : undefined;
      if (!s) throw new ConfigError(`severity.${k}`, `审核口径配置有误：severity.${k} 应为 "error"（错误）、"warning"（提示）或 "info"（信息），收到 ${JSON.stringify(v)}`);
      cfg.severity[k] = s;
    }
  }
  if (json.tolerances !== undefined) {
    if (!isObject(json.tolerances)) throw new ConfigError('tolerances', '审核口径配置有误：tolerances 应为对象，如 { "rounding": 0.01 }');
    for (const [k, v] of Object.entries(json.tolerances)) {
      if (!(k in TOLERANCE_KEYS)) throw new ConfigError(`tolerances.${k}`, `审核口径配置有误：不认识的键 tolerances.${k}（可用：rounding、yuanVsWan、share）`);
      const d = positive(`tolerances.${k}`, v, TOLERANCE_KEYS[k as keyof typeof TOLERANCE_KEYS], true);
      if (k === 'rounding') cfg.tolerances.roundingPerFigure = d;
      else if (k === 'yuanVsWan') cfg.tolerances.yuanVsWan = d;
      else cfg.tolerances.share = d;
    }
  }
  if (json.changeThreshold !== undefined) {
    const d = positive('changeThreshold', json.changeThreshold, '百分比', true);
    if (d.gt(1000)) throw new ConfigError('changeThreshold', `审核口径配置有误：changeThreshold 是百分比（如 10 表示 10%），收到 ${JSON.stringify(json.changeThreshold)}`);
    cfg.tolerances.changeThreshold = d;
  }
  return cfg;
}

/** The value for a rule id: its own key first, then its family's "X.*". */
function lookup<T>(map: Record<string, T>, id: string): T | undefined {
  if (id in map) return map[id];
  const fam = `${id.split('.')[0]}.*`;
  return fam in map ? map[fam] : undefined;
}

export function ruleEnabled(config: EngineConfig | undefined, id: string): boolean {
  return !config || lookup(config.rules, id) !== false;
}

/** The rules the configuration leaves on. */
export function enabledRules(rules: Rule[], config: EngineConfig | undefined): Rule[] {
  return config ? rules.filter((r) => ruleEnabled(config, r.meta.id)) : rules;
}

/**
 * Re-grades findings: a finding at its rule's own severity takes the configured one; a finding its rule graded
 * lower on its own (舍位差异 as 提示) keeps its grade — the tolerance is the setting for those. Findings of a rule
 * turned off (recognition's INPUT.* included) are dropped.
 */
export function applySeverity(findings: Finding[], rules: Rule[], config: EngineConfig | undefined): Finding[] {
  if (!config) return findings;
  const defaults = new Map(rules.map((r) => [r.meta.id, r.meta.severity]));
  const out: Finding[] = [];
  for (const f of findings) {
    if (!ruleEnabled(config, f.rule)) continue;
    const s = lookup(config.severity, f.rule);
    const own = defaults.get(f.rule) ?? 'error';
    out.push(s && s !== f.severity && (f.severity === own || f.rule.startsWith('INPUT.')) ? { ...f, severity: s } : f);
  }
  return out;
}

/** A check that did not run (or ran only in part), and why. */
export interface SkippedCheck {
  rule: string;
  title: string;
  reason: string;
}

/** The tables a rule reads, from its id (T5.row → T5; X.T2-T5 → T2, T5; HIER.T7 → T7). */
export function tablesOfRule(id: string): TableId[] {
  const ids: string[] = id.match(/T\d+/g) ?? [];
  return ids.filter((t): t is TableId => (TABLE_IDS as readonly string[]).includes(t));
}

/**
 * Every rule that did not run, or ran without some of its figures, with a Chinese reason: turned off in the
 * configuration, a table it needs not found, no target sheets, no 情况说明, amounts that could not be read.
 */
export function skippedChecks(rec: Recognised, rules: Rule[], config: EngineConfig | undefined, findings: Finding[] = []): SkippedCheck[] {
  const out: SkippedCheck[] = [];
  // a rule that reported something ran (P.coverage reports projects without target sheets, for one)
  const reported = new Set(findings.filter((f) => !/未能完成校验/.test(f.message)).map((f) => f.rule));
  const unreadByTable = new Map<string, string[]>();
  for (const f of rec.findings) {
    if (f.rule !== 'INPUT.not_a_number') continue;
    const t = TABLE_IDS.find((id) => rec.locations[id]?.sheet === f.sheet) ?? 'P';
    const list = unreadByTable.get(t) ?? [];
    list.push(...f.cells.map((c) => `${f.sheet}!${c}`));
    unreadByTable.set(t, list);
  }
  for (const r of rules) {
    const { id, title } = r.meta;
    if (!ruleEnabled(config, id)) {
      out.push({ rule: id, title, reason: '审核口径中已关闭' });
      continue;
    }
    if (id.startsWith('INPUT.')) continue;
    const needs = tablesOfRule(id);
    if (reported.has(id)) {
      const unreadHere = needs.flatMap((t) => unreadByTable.get(t) ?? []);
      if (unreadHere.length) out.push({ rule: id, title, reason: partly(unreadHere) });
      continue;
    }
    const missing = needs.filter((t) => !rec.locations[t]?.found);
    if (missing.length) {
      out.push({ rule: id, title, reason: `未找到${missing.map((t) => TABLE_ORDINALS[t]).join('、')}` });
      continue;
    }
    if (id.startsWith('P.') && rec.targets.length === 0) {
      out.push({ rule: id, title, reason: '未找到项目支出绩效目标表' });
      continue;
    }
    if (id.startsWith('N.') && !rec.narrative) {
      out.push({ rule: id, title, reason: '未找到情况说明' });
      continue;
    }
    const groups: string[] = [...needs, ...(id.startsWith('P.') ? ['P'] : [])];
    const unread = groups.flatMap((t) => unreadByTable.get(t) ?? []);
    if (unread.length) out.push({ rule: id, title, reason: partly(unread) });
  }
  return out;
}

function partly(unread: string[]): string {
  const shown = unread.slice(0, 3).join('、') + (unread.length > 3 ? ` 等 ${unread.length} 处` : '');
  return `部分未校验：金额无法识别（${shown}），涉及这些单元格的合计未校验`;
}

/** The configuration as the report states it (JSON `config`). */
export function describeConfig(config: EngineConfig | undefined): {
  source: string | null;
  rulesOff: string[];
  severity: Record<string, Severity>;
  tolerances: { rounding: string; yuanVsWan: string; share: string; changeThreshold: string };
} {
  const t = config?.tolerances ?? {};
  return {
    source: config?.source ?? null,
    rulesOff: Object.entries(config?.rules ?? {})
      .filter(([, on]) => !on)
      .map(([k]) => k),
    severity: { ...(config?.severity ?? {}) },
    tolerances: {
      rounding: (t.roundingPerFigure ?? DEFAULT_TOLERANCES.roundingPerFigure).toString(),
      yuanVsWan: (t.yuanVsWan ?? DEFAULT_TOLERANCES.yuanVsWan).toString(),
      share: (t.share ?? new Decimal('0.005')).toString(),
      changeThreshold: (t.changeThreshold ?? new Decimal(0)).toString(),
    },
  };
}

/** One Chinese line: the configuration used. */
export function configLine(config: EngineConfig | undefined): string {
  const d = describeConfig(config);
  const parts = [
    d.source ? `审核口径：${d.source}` : '审核口径：默认',
    `舍位容差 每个数 ${d.tolerances.rounding} 万元`,
    `元与万元容差 ${d.tolerances.yuanVsWan} 元`,
    `占比容差 ${d.tolerances.share} 个百分点`,
    Number(d.tolerances.changeThreshold) > 0 ? `增减 ≥ ${d.tolerances.changeThreshold}% 须说明原因` : '增减均须说明原因',
  ];
  if (d.rulesOff.length) parts.push(`关闭 ${d.rulesOff.join('、')}`);
  const sev = Object.entries(d.severity);
  if (sev.length) parts.push(`级别调整 ${sev.map(([k, v]) => `${k}→${v === 'error' ? '错误' : v === 'warning' ? '提示' : '信息'}`).join('、')}`);
  return parts.join('；');
}
