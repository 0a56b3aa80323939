/** Why a file could not be read as a workbook (for callers that want more than the message). */
export type UnreadableReason =
  | 'missing' // no such file
  | 'not_a_file' // a directory or something else
  | 'io' // the file exists but cannot be read (permissions …)
  | 'empty' // zero bytes
  | 'xls' // an old binary .xls (OLE2 compound file)
  | 'encrypted' // a password-protected .xlsx (also an OLE2 container)
  | 'not_zip' // not a zip at all (.csv, .txt, random bytes)
  | 'corrupt' // a zip that cannot be unpacked (truncated, damaged entries, bad XML)
  | 'not_workbook' // a valid zip without a spreadsheet in it (.docx, any zip)
  | 'too_large'; // unpacks beyond the bounds below (a cell bomb, a part of gigabytes)

/**
 * The input cannot be read as an .xlsx workbook (rules.md INPUT.unreadable, CLI exit status 2).
 * `message` is one line of Chinese for the user; `detail` keeps the underlying cause for logs.
 */
export class UnreadableWorkbookError extends Error {
  readonly reason: UnreadableReason;
  readonly file: string;
  readonly detail?: string;

  constructor(reason: UnreadableReason, file: string, detail?: string) {
    super(unreadableMessage(reason, file));
    this.name = 'UnreadableWorkbookError';
    this.reason = reason;
    this.file = file;
    this.detail = detail;
    Object.setPrototypeOf(this, UnreadableWorkbookError.prototype);
  }
}

export function isUnreadableWorkbookError(e: unknown): e is UnreadableWorkbookError {
  return e instanceof UnreadableWorkbookError || (e instanceof Error && e.name === 'UnreadableWorkbookError');
}

function unreadableMessage(reason: UnreadableReason, file: string): string {
  switch (reason) {
    case 'missing':
      return `无法读取文件：找不到文件 ${file}`;
    case 'not_a_file':
      return `无法读取文件：${file} 不是文件`;
    case 'io':
      return `无法读取文件：${file} 无法打开（请检查文件权限）`;
    case 'empty':
      return `无法读取文件：${file} 是空文件`;
    case 'xls':
      return `无法读取文件：${file} 是旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再校验`;
    case 'encrypted':
      return `无法读取文件：${file} 已加密（设置了打开密码），请取消密码后另存为 .xlsx 再校验`;
    case 'not_zip':
      return `无法读取文件：${file} 不是有效的 .xlsx 文件（可能是改了扩展名的其他文件）`;
    case 'corrupt':
      return `无法读取文件：${file} 不是有效的 .xlsx 文件（可能已损坏）`;
    case 'not_workbook':
      return `无法读取文件：${file} 不是 Excel 工作簿（.xlsx 中没有找到工作表）`;
    case 'too_large':
      return `无法读取文件：${file} 解压后过大（超过 ${MAX_PART_BYTES / 1048576} MB 的部件或超过 ${MAX_CELLS / 10000} 万个非空单元格），可能是异常文件，已拒绝读取`;
  }
}

/**
 * Bounds of what the reader and the patcher accept. A budget disclosure is a few thousand cells; a part that
 * unpacks beyond MAX_PART_BYTES, or a workbook beyond MAX_CELLS non-empty cells, is refused with a clear message
 * (a "cell bomb": a tiny file that would unpack to gigabytes).
 */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 512 * 1024 * 1024;
export const MAX_CELLS = 2_000_000;

/** Why the annotated copy could not be made. */
export type CopyFailure = 'too_large' | 'utf16' | 'corrupt' | 'not_workbook';

/** The annotated copy cannot be made from this package; `message` is one line of Chinese. */
export class CopyError extends Error {
  readonly reason: CopyFailure;
  readonly file: string;
  readonly detail?: string;

  constructor(reason: CopyFailure, file: string, detail?: string) {
    super(copyMessage(reason, file, detail));
    this.name = 'CopyError';
    this.reason = reason;
    this.file = file;
    this.detail = detail;
    Object.setPrototypeOf(this, CopyError.prototype);
  }
}

export function isCopyError(e: unknown): e is CopyError {
  return e instanceof CopyError || (e instanceof Error && e.name === 'CopyError');
}

function copyMessage(reason: CopyFailure, file: string, detail?: string): string {
  switch (reason) {
    case 'too_large':
      return `无法写出副本：${file} 中的 ${detail ?? '部件'} 解压后超过 ${MAX_PART_BYTES / 1048576} MB，副本未写出`;
    case 'utf16':
      return `无法写出副本：${file} 中的 ${detail ?? '部件'} 使用 UTF-16 编码，暂不支持修改，副本未写出`;
    case 'not_workbook':
      return `无法写出副本：${file} 中没有找到工作簿部件，副本未写出`;
    case 'corrupt':
      return `无法写出副本：${file} 的结构无法修改（可能已损坏），副本未写出`;
  }
}
