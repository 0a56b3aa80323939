/**
 * npm run validate [-- manifest.xml]: Microsoft's validator (office-addin-manifest validate, an online service),
 * and when that service cannot be reached (no internet, intranet) an offline check instead: XML well-formed,
 * the elements an add-in-only Excel manifest requires in the schema's order, resource ids that resolve to the
 * right kind of resource, string lengths, https URLs, and the icon files with their sizes.
 *
 * Exit status: 0 valid, 1 invalid, 2 unreadable.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { SaxesParser } from 'saxes';

const NS_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NS_BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const NS_VO = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
const DEV_URL = 'https://localhost:3000/';

export interface XmlElement {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

/** Parses XML into a small element tree; throws with the line on anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      const key = a.uri && a.uri !== '' ? `{${a.uri}}${a.local}` : a.local;
      attrs[key] = a.value;
    }
    const el: XmlElement = { name: tag.local ?? tag.name, ns: tag.uri ?? '', attrs, children: [], text: '', line: parser.line };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  if (error) throw error;
  if (!root) throw new Error('文件中没有 XML 元素');
  return root;
}

const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
const children = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

/** Order of OfficeApp's children for a TaskPaneApp (schema 1.1). */
const OFFICEAPP_ORDER = [
  'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
  'AllowSnapshot', 'Dictionary', 'VersionOverrides', 'ExtendedOverrides',
];
const REQUIRED = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'Hosts', 'DefaultSettings', 'Permissions'];
const PERMISSIONS = ['Restricted', 'ReadDocument', 'ReadAllDocument', 'WriteDocument', 'ReadWriteDocument'];

/** Which resource collection a resid attribute on an element must point into. */
const RESID_KIND: Record<string, string> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
};

function pngSize(file: string): { width: number; height: number } | undefined {
  const b = readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Offline checks of an add-in-only Excel manifest; returns the problems found (empty: valid). */
export function checkManifest(xml: string, baseDir: string): string[] {
  const problems: string[] = [];
  const bad = (msg: string, el?: XmlElement) => problems.push(el ? `第 ${el.line} 行：${msg}` : msg);
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [`XML 格式错误：${(e as Error).message}`];
  }
  if (root.name !== 'OfficeApp' || root.ns !== NS_APP) {
    return [`根元素应为 ${NS_APP} 命名空间中的 OfficeApp，实为 ${root.name}（${root.ns || '无命名空间'}）`];
  }
  if (root.attrs[`{${NS_XSI}}type`] !== 'TaskPaneApp') bad('OfficeApp 的 xsi:type 应为 TaskPaneApp', root);

  // Children: required ones present, known ones in schema order, no duplicates.
  let last = -1;
  const seen = new Set<string>();
  for (const c of root.children) {
    const i = OFFICEAPP_ORDER.indexOf(c.name);
    if (i < 0) bad(`OfficeApp 下不应有 ${c.name}`, c);
    else if (i < last) bad(`${c.name} 的位置不符合架构顺序（应在 ${OFFICEAPP_ORDER[last]} 之前）`, c);
    else last = i;
    if (seen.has(c.name)) bad(`${c.name} 重复`, c);
    seen.add(c.name);
  }
  for (const r of REQUIRED) if (!seen.has(r)) bad(`缺少必需元素 ${r}`);

  const text = (name: string) => child(root, name)?.text.trim() ?? '';
  const value = (name: string) => child(root, name)?.attrs.DefaultValue ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text('Id'))) bad('Id 应为 GUID');
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text('Version'))) bad('Version 应为 1.0.0.0 形式');
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(text('DefaultLocale'))) bad('DefaultLocale 应为语言代码，如 zh-CN');
  if (!value('DisplayName') || value('DisplayName').length > 125) bad('DisplayName 的 DefaultValue 应为 1–125 个字符');
  if (!value('Description') || value('Description').length > 250) bad('Description 的 DefaultValue 应为 1–250 个字符');
  if (!PERMISSIONS.includes(text('Permissions'))) bad(`Permissions 应为 ${PERMISSIONS.join('、')} 之一`);
  const hosts = children(child(root, 'Hosts'), 'Host').map((h) => h.attrs.Name);
  if (!hosts.includes('Workbook')) bad('Hosts 中应有 <Host Name="Workbook"/>（Excel）');
  if (!child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs.DefaultValue) bad('缺少 DefaultSettings/SourceLocation');

  // Every URL https; icon files present for dev-server URLs.
  walk(root, (e) => {
    for (const [k, v] of Object.entries(e.attrs)) {
      if (k !== 'DefaultValue' || !/^[a-z]+:\/\//i.test(v)) continue;
      if (!v.startsWith('https://')) bad(`URL 必须使用 https：${v}`, e);
    }
    if (e.name === 'AppDomain' && !e.text.trim().startsWith('https://')) bad(`AppDomain 必须使用 https：${e.text.trim()}`, e);
  });

  // VersionOverrides: resource ids resolve, to the right kind, within length limits.
  const vo = child(root, 'VersionOverrides');
  if (vo) {
    if (vo.ns !== NS_VO) bad(`VersionOverrides 应在 ${NS_VO} 命名空间中`, vo);
    const resources = child(vo, 'Resources');
    const ids = new Map<string, { kind: string; value: string; el: XmlElement }>();
    for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
      const coll = child(resources, kind);
      if (coll && coll.ns !== NS_BT) bad(`${kind} 应在 bt（${NS_BT}）命名空间中`, coll);
      for (const r of coll?.children ?? []) {
        const id = r.attrs.id ?? '';
        if (!id) bad(`${kind} 中有资源缺少 id`, r);
        else if (id.length > 32) bad(`资源 id “${id}” 超过 32 个字符`, r);
        if (ids.has(id)) bad(`资源 id “${id}” 重复`, r);
        ids.set(id, { kind, value: r.attrs.DefaultValue ?? '', el: r });
        const max = kind === 'ShortStrings' ? 125 : kind === 'LongStrings' ? 250 : 2048;
        if (!r.attrs.DefaultValue) bad(`资源 “${id}” 缺少 DefaultValue`, r);
        else if (r.attrs.DefaultValue.length > max) bad(`资源 “${id}” 超过 ${max} 个字符`, r);
      }
    }
    const controlIds = new Set<string>();
    walk(vo, (e) => {
      const resid = e.attrs.resid;
      if (resid !== undefined) {
        const want = RESID_KIND[e.name];
        const got = ids.get(resid);
        if (!got) bad(`resid “${resid}” 在 Resources 中不存在`, e);
        else if (want && got.kind !== want) bad(`${e.name} 的 resid “${resid}” 应指向 ${want}，实为 ${got.kind}`, e);
      }
      if ((e.name === 'Control' || e.name === 'Group' || e.name === 'CustomTab') && e.attrs.id) {
        if (controlIds.has(e.attrs.id)) bad(`控件 id “${e.attrs.id}” 重复`, e);
        controlIds.add(e.attrs.id);
      }
      if (e.name === 'Icon') {
        const sizes = children(e, 'Image').map((i) => i.attrs.size);
        for (const s of ['16', '32', '80']) if (!sizes.includes(s)) bad(`Icon 缺少 ${s}×${s} 图像`, e);
      }
    });
    const hostEls = children(child(vo, 'Hosts'), 'Host');
    if (!hostEls.some((h) => h.attrs[`{${NS_XSI}}type`] === 'Workbook')) bad('VersionOverrides/Hosts 中应有 xsi:type="Workbook" 的 Host');
    for (const h of hostEls) {
      const desktop = child(h, 'DesktopFormFactor');
      if (!desktop) bad('Host 缺少 DesktopFormFactor', h);
      else {
        if (!child(desktop, 'FunctionFile')) bad('DesktopFormFactor 缺少 FunctionFile', desktop);
        if (!children(desktop, 'ExtensionPoint').length) bad('DesktopFormFactor 缺少 ExtensionPoint', desktop);
      }
    }
    // Icons served by the dev server must exist in assets/ with the size their id promises.
    for (const [id, r] of ids) {
      if (r.kind !== 'Images' || !r.value.startsWith(DEV_URL)) continue;
      const file = join(baseDir, r.value.slice(DEV_URL.length));
      if (!existsSync(file)) {
        bad(`图标文件不存在：${file}`, r.el);
        continue;
      }
      const size = pngSize(file);
      const want = /(\d+)x\1/.exec(id)?.[1];
      if (!size) bad(`不是 PNG 文件：${file}`, r.el);
      else if (want && (size.width !== Number(want) || size.height !== Number(want))) {
        bad(`${file} 为 ${size.width}×${size.height}，应为 ${want}×${want}`, r.el);
      }
    }
  }
  for (const name of ['IconUrl', 'HighResolutionIconUrl']) {
    const url = value(name);
    if (url.startsWith(DEV_URL) && !existsSync(join(baseDir, url.slice(DEV_URL.length)))) bad(`${name} 指向的文件不存在：${url}`);
  }
  return problems;
}

async function online(file: string): Promise<'unreachable' | { valid: boolean; lines: string[] }> {
   
  const { validateManifest } = require('office-addin-manifest') as typeof import('office-addin-manifest');
  try {
    const result = await Promise.race([
      validateManifest(file),
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('Unable to contact the manifest validation service (timeout)')), 30_000).unref()),
    ]);
    const lines: string[] = [];
    for (const kind of ['errors', 'warnings', 'notes'] as const) {
      for (const i of result.report?.[kind] ?? []) lines.push(`${kind}: ${i.title ?? ''} ${i.content ?? ''}${i.line ? `（第 ${i.line} 行）` : ''}`);
    }
    return { valid: result.isValid, lines };
  } catch (e) {
    if (/Unable to contact|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network/i.test(String((e as Error).message))) return 'unreachable';
    throw e;
  }
}

async function main(): Promise<number> {
  const file = resolve(process.argv[2] ?? 'manifest.xml');
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch {
    console.error(`无法读取清单文件：${file}`);
    return 2;
  }
  const offlineOnly = process.argv.includes('--offline');
  const res = offlineOnly ? 'unreachable' : await online(file);
  if (res !== 'unreachable') {
    for (const l of res.lines) console.log(l);
    console.log(res.valid ? `清单有效（微软在线验证服务）：${file}` : `清单无效（微软在线验证服务）：${file}`);
    return res.valid ? 0 : 1;
  }
  if (!offlineOnly) console.log('无法连接微软在线验证服务，改用离线检查（XML 格式、必需元素与顺序、资源引用、图标文件）。');
  const problems = checkManifest(xml, dirname(file));
  for (const p of problems) console.log(`✗ ${p}`);
  console.log(problems.length ? `清单有 ${problems.length} 处问题：${file}` : `离线检查通过：${file}`);
  return problems.length ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`验证失败：${(e as Error).message}`);
      process.exit(2);
    },
  );
}
