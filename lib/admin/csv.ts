// CSV (RFC 4180) for spreadsheets. A text cell that a spreadsheet would run as a formula (it starts
// with = + - @, or a tab or CR that some of them skip first) is prefixed with ' (OWASP's advice):
// pay logs store what strangers sent us, e.g. a forged notify's out_trade_no.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: (string | number | Date | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
