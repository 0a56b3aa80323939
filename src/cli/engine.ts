/**
 * The one place where the CLI (and batch, and the web page) turns a workbook snapshot into findings:
 * the engine's checkWorkbook (src/rules), re-exported under the name the CLI uses.
 */
export { checkWorkbook as runChecks, type CheckResult } from '../rules';
