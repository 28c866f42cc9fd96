import { auditFilterSchema, type AuditFilter } from "@pregao/contracts";

/** The filter form's fields, in form order. */
export const FILTER_FIELDS = ["user", "action", "from", "to", "asset", "orderId"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** What the form holds: text as typed; `from`/`to` are `<input type="datetime-local">` values in the browser's zone. */
export type FilterDraft = Record<FilterField, string>;

export const EMPTY_DRAFT: FilterDraft = { user: "", action: "", from: "", to: "", asset: "", orderId: "" };

/** Why a field was refused; the form turns it into text in the user's language. */
export type FieldError =
  { kind: "tooLong"; max: number } | { kind: "badTime" } | { kind: "toNotAfterFrom" } | { kind: "invalid" };

export type FilterErrors = Partial<Record<FilterField, FieldError>>;

export type FilterResult = { ok: true; filter: AuditFilter } | { ok: false; errors: FilterErrors };

/**
 * A `datetime-local` value (`2026-12-03T14:05`, seconds optional) read in the browser's time zone, as ISO 8601 UTC;
 * null when it is not one. The date-time form without an offset is local time by the ECMAScript spec.
 */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

const isField = (key: unknown): key is FilterField => FILTER_FIELDS.includes(key as FilterField);

/**
 * The form's text → the contract's filter, checked by the contract's own schema (trimmed, length limits), so the
 * browser refuses exactly what the BFF would and names the field. Blank fields are no filter; the asset is upper-cased
 * (`petr4:b` → `PETR4:B`, as the trail stores it).
 */
export function parseFilters(draft: FilterDraft): FilterResult {
  const errors: FilterErrors = {};
  const candidate: Record<string, string> = {};
  for (const field of FILTER_FIELDS) {
    const text = draft[field].trim();
    if (text === "") continue;
    if (field === "from" || field === "to") {
      const iso = localInputToIso(text);
      if (iso === null) errors[field] = { kind: "badTime" };
      else candidate[field] = iso;
    } else candidate[field] = field === "asset" ? text.toUpperCase() : text;
  }
  const parsed = auditFilterSchema.safeParse(candidate);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (!isField(field) || errors[field]) continue;
      errors[field] =
        issue.code === "too_big" && typeof issue.maximum === "number"
          ? { kind: "tooLong", max: issue.maximum }
          : { kind: "invalid" };
    }
  if (!errors.from && !errors.to && candidate.from && candidate.to && candidate.to <= candidate.from)
    errors.to = { kind: "toNotAfterFrom" };
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, filter: parsed.data };
}

/** The contract's field a BFF validation error names (`field: "orderId"`), when it is one of the form's. */
export const filterFieldOf = (field: string | undefined): FilterField | null =>
  isField(field) ? field : null;
