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
  | 'not_workbook'; // a valid zip without a spreadsheet in it (.docx, any zip)

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
  }
}
