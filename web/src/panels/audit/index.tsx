import { useState } from "react";
import { errorText } from "../../i18n/error-text.ts";
import { useT } from "../../i18n/use-t.ts";
import { ApiError } from "../../lib/api-client.ts";
import { formatQuantity } from "../../lib/format.ts";
import { filterFieldOf } from "./audit-filters.ts";
import { AuditError } from "./audit-error.tsx";
import { AuditTable } from "./audit-table.tsx";
import { ExportButton } from "./export-button.tsx";
import { FilterForm } from "./filter-form.tsx";
import { useAuditTrail } from "./use-audit-trail.ts";
import "./audit.css";

/** A BFF refusal that names one of the form's fields (400 VALIDATION_FAILED, `field`), worded for that field. */
function serverFieldError(err: Error) {
  const field = err instanceof ApiError ? filterFieldOf(err.field) : null;
  return field ? { field, text: errorText(err) } : null;
}

/** The audit trail (risk role, `audit:read`): search by user, action, time, asset and order id; page; export CSV. */
export default function AuditPanel() {
  const t = useT();
  const trail = useAuditTrail();
  const { page } = trail;
  const filtered = Object.keys(trail.filter).length > 0;
  const [exportError, setExportError] = useState<Error | null>(null);

  return (
    <div className="audit">
      {/* Filters and the paging/export toolbar share one row when the panel is wide enough (more rows for the table). */}
      <div className="audit-head">
        <FilterForm
          onApply={trail.applyFilter}
          serverError={page.isError ? serverFieldError(page.error) : null}
        />
        <div className="audit-toolbar">
          <nav className="audit-pager" aria-label={t("audit.pages")}>
            <button type="button" className="btn btn-small" disabled={!trail.canNewer} onClick={trail.newer}>
              {t("audit.newer")}
            </button>
            <span className="audit-page">{t("audit.page", { n: formatQuantity(trail.pageNumber) })}</span>
            <button type="button" className="btn btn-small" disabled={!trail.canOlder} onClick={trail.older}>
              {t("audit.older")}
            </button>
          </nav>
          <span className="audit-status" aria-live="polite">
            {page.isFetching && !page.isPending ? t("audit.updating") : ""}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={page.isFetching}
            onClick={() => void page.refetch()}
          >
            {t("audit.refresh")}
          </button>
          <ExportButton filter={trail.filter} onError={setExportError} />
        </div>
      </div>
      {exportError && (
        <p className="panel-alert audit-error" role="alert">
          {t("audit.exportFailed", { message: errorText(exportError) })}
        </p>
      )}
      {page.isError && <AuditError error={page.error} onRetry={() => void page.refetch()} />}
      {page.isPending && (
        <p className="panel-note" role="status">
          {t("audit.loading")}
        </p>
      )}
      {page.data && page.data.entries.length === 0 && (
        <p className="panel-note">{filtered ? t("audit.emptyFiltered") : t("audit.empty")}</p>
      )}
      {page.data && page.data.entries.length > 0 && (
        <AuditTable entries={page.data.entries} busy={page.isPlaceholderData} />
      )}
    </div>
  );
}
