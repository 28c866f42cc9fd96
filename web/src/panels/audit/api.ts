import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { auditPageSchema, type AuditFilter } from "@pregao/contracts";
import { api, call, download, type Download } from "../../lib/api-client.ts";

/**
 * The audit trail's query keys (the panel is their only user, so they live beside it). Invalidate `auditKeys.all`
 * to refresh whatever page is on screen.
 */
export const auditKeys = {
  all: ["audit"] as const,
  page: (filter: AuditFilter, before: number | undefined) =>
    [...auditKeys.all, "page", filter, before] as const,
};

/** The filters as a query string's values: only the ones set, as strings (what `hc` sends). */
export function auditQueryParams(filter: AuditFilter): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) params[key] = value;
  return params;
}

/**
 * `GET /api/v1/audit`: one page of the trail, newest first; `before` is the previous page's `nextCursor`.
 * The newest page is the only one that can change (the trail is append-only and keyset-paged), so it alone goes stale
 * and refetches when the window regains focus; older pages are kept as they are. The previous page stays on screen
 * while the next one loads (no flash of an empty table between pages).
 */
export const auditPageQueryOptions = (filter: AuditFilter, before: number | undefined) =>
  queryOptions({
    queryKey: auditKeys.page(filter, before),
    queryFn: ({ signal }) => {
      const query = {
        ...auditQueryParams(filter),
        ...(before !== undefined ? { before: String(before) } : {}),
      };
      return call((o) => api.audit.$get({ query }, o), auditPageSchema, { signal });
    },
    placeholderData: keepPreviousData,
    staleTime: before === undefined ? 30_000 : Infinity,
    refetchOnWindowFocus: before === undefined,
  });

/**
 * `GET /api/v1/audit/export` with the same filters, as a file. Fetched rather than followed as a link, so a refusal
 * (400 EXPORT_TOO_LARGE over the row cap, 503, an expired session) reaches the panel as an {@link ApiError} it can
 * word; the file is at most `AUDIT_PAGE.maxExportRows` rows, so holding it in memory is fine.
 */
export const fetchAuditExport = (filter: AuditFilter): Promise<Download> =>
  download((o) => api.audit.export.$get({ query: auditQueryParams(filter) }, o), "text/csv");
