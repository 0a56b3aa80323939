/** Command-line arguments per shared/spec/cli.md. Wrong arguments raise UsageError (exit 2, one Chinese line). */

export type Command =
  | { cmd: 'check'; file: string; json: boolean; out?: string; fix: boolean; narrative?: string; previous?: string; changeThreshold?: number; config?: string }
  | { cmd: 'narrative'; file: string; json: boolean; out?: string; previous?: string; supplement?: string; changeThreshold?: number }
  | { cmd: 'batch'; folder: string; json: boolean; out?: string; jobs?: number; config?: string; units?: string; previous?: string; notices?: string }
  | { cmd: 'help' }
  | { cmd: 'version' };

export const SYNOPSIS: Record<'check' | 'narrative' | 'batch', string> = {
  check: 'budget-check check <file.xlsx> [--json] [--out <annotated.xlsx>] [--fix] [--narrative <情况说明.docx>] [--previous <上年.xlsx>] [--change-threshold <百分比>] [--config <budget-check.config.json>]',
  narrative: 'budget-check narrative <file.xlsx> [--out <file.md|file.docx>] [--json] [--previous <上年.xlsx>] [--supplement <out.xlsx>]',
  batch: 'budget-check batch <folder> [--out <report.html>] [--jobs N] [--json] [--units <名单.xlsx|csv>] [--previous <上一轮 report.json>] [--notices <dir>] [--config <file>]',
};

export const USAGE = `预算公开校验助手 budget-check

用法：
  ${SYNOPSIS.check}
      校验一个预算公开工作簿，按表列出问题（默认中文文本；--json 输出一个 JSON 文档）。
      --out 写出带标注的副本（原文件不改动），--fix 同时写入自动填充的合计。
      --narrative 用 Word 文档（.docx）中的情况说明代替工作簿中的情况说明，与表格核对（问题按“段落N”定位）。
      --previous 上年公开的工作簿：按两年表格核对“比上年”增减额和增减率，变动达到 --change-threshold（默认 10%）未说明原因的提示。
  ${SYNOPSIS.narrative}
      生成第三部分 情况说明（Markdown），或写入 --out 指定的文件（.md 或 .docx）。
      --previous 上年公开的工作簿：“比上年”的金额和增减率按两年表格计算。
      --supplement 写出加了“补充信息”表的工作簿副本（原文件不改动；给出 --previous 时预填上年数）。
  ${SYNOPSIS.batch}
      并行校验文件夹下所有 .xlsx，写出一份汇总报告（默认 <文件夹>/report.html，另有 report.json）。
      --jobs 并行数（默认为 CPU 核数），--json 在 stdout 输出汇总的 JSON 文档。
      --units 应报送部门名单，列出未报送的部门和不在名单中的工作簿；--previous 与上一轮的 report.json 比较
      （每个部门已改正、新增、仍存在的问题）；--notices 为每个部门写出一份整改通知（.docx）。
      子文件夹中含 情况说明.docx 时，该文件夹中的表格、绩效目标表和情况说明作为一份公开材料校验。
  审核口径：--config 指定 budget-check.config.json；未指定时从被校验的文件夹向上查找该文件
      （规则开关、级别、容差、须说明原因的增减幅度；见 docs/cli.md）。
  budget-check --help | --version

退出状态：0 没有“错误”级问题；1 有“错误”级问题；2 文件无法读取或参数错误（stderr 输出一行中文说明）。
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
    Object.setPrototypeOf(this, UsageError.prototype);
  }
}

interface FlagSpec {
  /** Flags taking a value (--out x, --out=x). */
  valued: string[];
  /** Boolean flags. */
  boolean: string[];
}

const SPECS: Record<'check' | 'narrative' | 'batch', FlagSpec> = {
  check: { valued: ['--out', '--narrative', '--previous', '--change-threshold', '--config'], boolean: ['--json', '--fix'] },
  narrative: { valued: ['--out', '--previous', '--supplement', '--change-threshold'], boolean: ['--json'] },
  batch: { valued: ['--out', '--jobs', '--config', '--units', '--previous', '--notices'], boolean: ['--json'] },
};

/** --previous and --change-threshold (a percentage ≥ 0, "10" or "10%"). */
function previousFlags(values: Map<string, string>): { previous?: string; changeThreshold?: number } {
  const previous = values.get('--previous');
  const t = values.get('--change-threshold');
  let changeThreshold: number | undefined;
  if (t !== undefined) {
    changeThreshold = Number(t.replace(/%$/, ''));
    if (!/^\d+(\.\d+)?%?$/.test(t) || !Number.isFinite(changeThreshold))
      throw new UsageError(`参数错误：--change-threshold 需要一个不小于 0 的百分比（如 10），收到 ${t}`);
  }
  return { ...(previous ? { previous } : {}), ...(changeThreshold !== undefined ? { changeThreshold } : {}) };
}

function usageHint(cmd: 'check' | 'narrative' | 'batch'): string {
  return `用法：${SYNOPSIS[cmd]}`;
}

function parseSub(cmd: 'check' | 'narrative' | 'batch', args: string[]) {
  const spec = SPECS[cmd];
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (rest || !a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    if (a === '--') {
      rest = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (spec.valued.includes(name)) {
      if (values.has(name)) throw new UsageError(`参数错误：${name} 只能指定一次。${usageHint(cmd)}`);
      let v: string | undefined;
      if (eq > 0) v = a.slice(eq + 1);
      else {
        v = args[i + 1];
        if (v === undefined || (v.startsWith('--') && v.length > 2)) v = undefined;
        else i++;
      }
      if (!v) throw new UsageError(`参数错误：${name} 后面需要一个值。${usageHint(cmd)}`);
      values.set(name, v);
    } else if (spec.boolean.includes(name)) {
      if (eq > 0) throw new UsageError(`参数错误：${name} 不带值。${usageHint(cmd)}`);
      flags.add(name);
    } else {
      throw new UsageError(`参数错误：${cmd} 不支持选项 ${name}。${usageHint(cmd)}`);
    }
  }
  const what = cmd === 'batch' ? '一个文件夹' : '一个 .xlsx 文件';
  if (positional.length === 0) throw new UsageError(`参数错误：缺少要处理的${cmd === 'batch' ? '文件夹' : '文件'}。${usageHint(cmd)}`);
  if (positional.length > 1) throw new UsageError(`参数错误：只能指定${what}，收到 ${positional.length} 个：${positional.join(' ')}。${usageHint(cmd)}`);
  return { target: positional[0], values, flags };
}

export function parseArgs(argv: string[]): Command {
  if (argv.length === 0) throw new UsageError(`参数错误：缺少子命令（check、narrative 或 batch）。${usageHint('check')}（budget-check --help 查看全部用法）`);
  const [sub, ...args] = argv;
  switch (sub) {
    case '-h':
    case '--help':
    case 'help':
      return { cmd: 'help' };
    case '-v':
    case '--version':
      return { cmd: 'version' };
    case 'check': {
      const { target, values, flags } = parseSub('check', args);
      const narrative = values.get('--narrative');
      const config = values.get('--config');
      return {
        cmd: 'check',
        file: target,
        json: flags.has('--json'),
        out: values.get('--out'),
        fix: flags.has('--fix'),
        ...(narrative ? { narrative } : {}),
        ...previousFlags(values),
        ...(config ? { config } : {}),
      };
    }
    case 'narrative': {
      const { target, values, flags } = parseSub('narrative', args);
      const supplement = values.get('--supplement');
      return { cmd: 'narrative', file: target, json: flags.has('--json'), out: values.get('--out'), ...previousFlags(values), ...(supplement ? { supplement } : {}) };
    }
    case 'batch': {
      const { target, values, flags } = parseSub('batch', args);
      let jobs: number | undefined;
      if (values.has('--jobs')) {
        const j = values.get('--jobs')!;
        if (!/^[1-9]\d*$/.test(j)) throw new UsageError(`参数错误：--jobs 需要一个正整数，收到 ${j}。${usageHint('batch')}`);
        jobs = Number(j);
      }
      const extra: Partial<Record<'config' | 'units' | 'previous' | 'notices', string>> = {};
      for (const k of ['config', 'units', 'previous', 'notices'] as const) if (values.has(`--${k}`)) extra[k] = values.get(`--${k}`);
      return { cmd: 'batch', folder: target, json: flags.has('--json'), out: values.get('--out'), jobs, ...extra };
    }
    default:
      if (sub.startsWith('-')) throw new UsageError(`参数错误：未知选项 ${sub}，请先写子命令（check、narrative 或 batch）。${usageHint('check')}`);
      throw new UsageError(`参数错误：未知的子命令 ${sub}（可用：check、narrative、batch）。${usageHint('check')}`);
  }
}
