import { AUDIT_CSV_COLUMNS, type AuditEntry } from "@pregao/contracts";

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and the tab/CR that some treat the same way) gets a
 * leading `'` (OWASP "CSV injection"): an audit row holds user-typed text (usernames, reasons, user agents).
 */
const formulaStart = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && formulaStart.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The header line (AUDIT_CSV_COLUMNS), CRLF-terminated as RFC 4180 has it. */
export const csvHeader = `${AUDIT_CSV_COLUMNS.join(",")}\r\n`;

export function csvLine(e: AuditEntry): string {
  return `${AUDIT_CSV_COLUMNS.map((c) => csvCell(e[c])).join(",")}\r\n`;
}
