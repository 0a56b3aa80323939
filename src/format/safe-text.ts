/**
 * Text that leaves the product for another reader: XML parts (.xlsx copy, .docx), the terminal, CSV, Markdown.
 * Cell text is the user's (or an attacker's): it may carry characters XML cannot hold, terminal escape sequences,
 * spreadsheet formulas or HTML. Each output passes it through the matching function here.
 */

/**
 * Characters XML 1.0 cannot carry at all (not even as &#…;): C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone
 * surrogates. A surrogate pair matches as a whole (second alternative) and is kept by xmlSafe; a surrogate left
 * over is lone. No lookbehind (?<!…): Safari before 16.4 cannot parse one and would reject the whole task-pane
 * script (webpack.config.js OLDEST_WEBVIEW).
 */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

/** The text with every XML-illegal character replaced by U+FFFD (the visible "replacement character"). */
export function xmlSafe(s: string): string {
  return s.replace(XML_ILLEGAL, (c) => (c.length === 2 ? c : '\uFFFD'));
}

/** XML character data: illegal characters replaced, & < > escaped. */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An XML attribute value in double quotes: as xmlText, plus quotes and the white space XML would normalise. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * SpreadsheetML string content (shared/inline strings, comments): XML-safe, and a literal "_xHHHH_" in the text
 * kept literal (Excel would read it as an escaped character), by escaping its underscore as _x005F_.
 */
export function ooxmlText(s: string): string {
  return xmlText(s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
}

// C0 and C1 controls (ESC, CSI, BEL, backspace, CR …) and the bidi overrides that can make text print backwards;
// tab and line feed are layout, not control, in a report.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text for the terminal, taken from a cell or a file name: control characters shown as visible escapes (\x1b),
 * so no cell can move the cursor, recolour, erase lines or print a fake summary. Line feeds become "⏎".
 */
export function terminalSafe(s: string): string {
  return s
    .replace(TERMINAL_CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/\n/g, '⏎');
}

/**
 * A CSV field neutralised against formula injection: a field that starts with = + - @, a tab or a carriage return
 * is prefixed with an apostrophe (OWASP), unless it is a plain number such as -12.5.
 */
export function csvNeutral(s: string): string {
  if (/^-?\d+(\.\d+)?$/.test(s)) return s;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Markdown paragraph text from cells: HTML is shown, not rendered (& < > escaped). */
export function markdownSafe(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
