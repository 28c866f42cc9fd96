import { z } from "zod";
import { auditFilterSchema, auditPageSchema, auditQuerySchema } from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

// The audit trail (audit/): the risk desk searches and exports who did what.
export const auditDefs = {
  page: defineRoute({
    method: "get",
    path: "/api/v1/audit",
    access: "audit:read",
    summary:
      "Audit trail, newest first; filters combine with AND; page with `before` = the previous nextCursor",
    request: { query: auditQuerySchema },
    responses: { 200: jsonResponse(auditPageSchema) },
    errors: [400, 503],
  }),
  export: defineRoute({
    method: "get",
    path: "/api/v1/audit/export",
    access: "audit:read",
    summary:
      "The filtered audit trail as CSV (AUDIT_CSV_COLUMNS; formula cells prefixed with '); over AUDIT_PAGE.maxExportRows → 400 EXPORT_TOO_LARGE",
    request: { query: auditFilterSchema },
    responses: {
      200: { description: "RFC 4180 CSV, newest first", content: { "text/csv": { schema: z.string() } } },
    },
    errors: [400, 503],
  }),
};
