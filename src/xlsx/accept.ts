/**
 * The workbook formats the product opens, as file-name pattern and <input accept> list. A module of its own, with
 * no imports, so the web page's start bundle can use it without pulling in the readers (src/xlsx/open.ts
 * re-exports both).
 */

/** File names the CLI's batch and the web page offer (the format itself is still told by the bytes). */
export const WORKBOOK_FILE_RE = /\.(xlsx|xlsm|xls|et|ods)$/i;
/** For <input accept>. */
export const WORKBOOK_ACCEPT =
  '.xlsx,.xlsm,.xls,.et,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet';
