import { useId, useState, type FormEvent } from "react";
import type { AuditFilter } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import {
  EMPTY_DRAFT,
  parseFilters,
  type FieldError,
  type FilterDraft,
  type FilterErrors,
  type FilterField,
} from "./audit-filters.ts";
import { KNOWN_AUDIT_ACTIONS } from "./known-actions.ts";

interface FilterFormProps {
  onApply(filter: AuditFilter): void;
  /** A field the BFF refused (400 with `field`), worded already; shown under that field until the next Apply. */
  serverError: { field: FilterField; text: string } | null;
}

const TEXT_FIELDS = [
  { field: "user", type: "text" },
  { field: "action", type: "text" },
  { field: "from", type: "datetime-local" },
  { field: "to", type: "datetime-local" },
  { field: "asset", type: "text" },
  { field: "orderId", type: "text" },
] as const satisfies readonly { field: FilterField; type: string }[];

/**
 * The audit filters. Typing changes nothing until Apply (Enter in any field): one query per search, not one per key.
 * Apply checks the fields against the contract first and names each bad one beside it.
 */
export function FilterForm({ onApply, serverError }: FilterFormProps) {
  const t = useT();
  const ids = useId();
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FilterErrors>({});

  const apply = (next: FilterDraft) => {
    const result = parseFilters(next);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) onApply(result.filter);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const clear = () => {
    setDraft(EMPTY_DRAFT);
    apply(EMPTY_DRAFT);
  };
  const errorText = (e: FieldError): string =>
    e.kind === "tooLong" ? t("audit.fieldErrors.tooLong", { max: e.max }) : t(`audit.fieldErrors.${e.kind}`);
  const placeholder = (field: FilterField) =>
    field === "action"
      ? t("audit.actionPlaceholder")
      : field === "asset"
        ? t("audit.assetPlaceholder")
        : undefined;

  return (
    <form className="audit-filters" aria-label={t("audit.filters")} onSubmit={submit} noValidate>
      {TEXT_FIELDS.map(({ field, type }) => {
        const local = errors[field];
        const message = local ? errorText(local) : serverError?.field === field ? serverError.text : null;
        const inputId = `${ids}-${field}`;
        const errorId = `${inputId}-error`;
        // The error sits beside the input, outside its label: the field's name stays "User", not "User At most…".
        return (
          <div key={field} className={`field audit-field audit-field-${field}`}>
            <label htmlFor={inputId}>{t(`audit.${field}`)}</label>
            <input
              id={inputId}
              className="input"
              type={type}
              name={field}
              value={draft[field]}
              step={type === "datetime-local" ? 1 : undefined}
              placeholder={placeholder(field)}
              list={field === "action" ? `${ids}-actions` : undefined}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={message ? true : undefined}
              aria-describedby={message ? errorId : undefined}
              onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
            />
            {message && (
              <span id={errorId} className="audit-field-error">
                {message}
              </span>
            )}
          </div>
        );
      })}
      <datalist id={`${ids}-actions`} aria-label={t("audit.actionSuggestions")}>
        {KNOWN_AUDIT_ACTIONS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <div className="audit-filter-actions">
        <button type="submit" className="btn btn-primary">
          {t("audit.apply")}
        </button>
        <button type="button" className="btn" onClick={clear}>
          {t("audit.clear")}
        </button>
      </div>
    </form>
  );
}
