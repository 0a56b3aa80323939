/**
 * Number formats: the built-in ids of SpreadsheetML (ECMA-376 18.8.30, zh-CN variants for the East Asian ids)
 * and date detection, so a date serial can be given as an ISO string.
 */
import { Decimal } from './money';

export const BUILTIN_NUMFMTS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_($* #,##0_);_($* (#,##0);_($* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_($* #,##0.00_);_($* (#,##0.00);_($* "-"??_);_(@_)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isBuiltinDateId(id: number): boolean {
  return BUILTIN_DATE_IDS.has(id);
}

/** True when a format code shows a number as a date or time (y, m, d, h, s outside quotes and brackets). */
export function isDateFormat(code: string): boolean {
  // Only the first section (positive numbers) matters.
  const section = code.split(';')[0];
  const stripped = section
    .replace(/"[^"]*"/g, '') // literal text
    .replace(/\\./g, '') // escaped characters
    .replace(/[_*]./g, '') // padding / fill
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '') // [Red], [$-804], [DBNum2], but not elapsed [h] [mm] [ss]
    .replace(/General/gi, '');
  return /[ymdhs]/i.test(stripped) && !/^[#0.,%E+\-\s@?/]*$/i.test(stripped);
}

/** True when a date/time format shows no date part (h:mm, [h]:mm:ss). */
export function isTimeOnlyFormat(code: string): boolean {
  const stripped = code
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, (m) => (/^\[[hms]+\]$/i.test(m) ? 'h' : ''));
  return /[hs]/i.test(stripped) && !/[yd]/i.test(stripped) && !/m{3,}/i.test(stripped);
}

const EXCEL_MAX_SERIAL = 2958465; // 9999-12-31

/** A date serial as an ISO string: '2024-01-15', '2024-01-15T10:30:00', or '10:30:00' for a time of day. */
export function serialToIso(serial: number, date1904: boolean, timeOnly = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > EXCEL_MAX_SERIAL) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  // Days × 86,400 in Decimal, rounded to whole seconds: no float product (0.1 day × 86,400 is not 8,640 in binary).
  const secondsOf = (days: number) => new Decimal(days).times(86400).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (timeOnly && serial < 1) {
    const secs = secondsOf(serial);
    return `${pad(Math.floor(secs / 3600) % 24)}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  }
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  // Excel's 1900 system counts a 29 February 1900 that never was: serials before it are one day off.
  const leapFix = !date1904 && serial < 61 ? 86400 : 0;
  const d = new Date(epoch + (secondsOf(serial) + leapFix) * 1000);
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}
