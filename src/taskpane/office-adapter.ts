/**
 * Where the pane gets its Office.js pieces: the WorkbookHost over Excel and the host support check.
 * INTERIM: src/excel/office-host.ts and src/excel/host-support.ts are being written; until they land this
 * file says so in Chinese instead of running.
 */
import type { WorkbookHost } from '../excel/host';

export interface HostSupport {
  supported: boolean;
  /** Chinese explanation when not supported. */
  message?: string;
}

export function checkHostSupport(): HostSupport {
  const ok = Office.context.requirements.isSetSupported('ExcelApi', '1.4');
  return ok ? { supported: true } : { supported: false, message: '此版本 Excel 不支持 ExcelApi 1.4。' };
}

export function createOfficeHost(): WorkbookHost {
  const missing = () => Promise.reject(new Error('Office 适配层尚未完成'));
  return { readSnapshot: missing, annotate: missing, clearAnnotations: missing, select: missing, writeSheet: missing };
}
