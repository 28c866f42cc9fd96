import { AUDIT_PAGE, type AuditEntry } from "@pregao/contracts";
import type { AuditReader } from "../../audit/reader.ts";
import { csvHeader, csvLine } from "../../audit/csv.ts";
import { HttpError } from "../../lib/http-error.ts";
import { routeApp } from "../route-app.ts";
import { auditDefs } from "./defs.ts";

export interface AuditTrailDeps {
  /** The database trail's reader (audit/reader.ts); absent (AUDIT_STORE=off, unit tests) → 503. */
  auditTrail?: AuditReader | null;
}

const unavailable = () =>
  new HttpError(503, "UPSTREAM_UNAVAILABLE", "the audit trail is not stored in a database here", undefined, {
    service: "audit",
  });

const encoder = new TextEncoder();

/** The CSV body, pulled a page of rows at a time (a 50,000-row export never sits in memory whole). */
function csvStream(rows: AsyncIterable<AuditEntry>): ReadableStream<Uint8Array> {
  const it = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader));
        return;
      }
      let chunk = "";
      for (let n = 0; n < 500; n++) {
        const next = await it.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** `/api/v1/audit` (a page, newest first) and `/api/v1/audit/export` (CSV), for `audit:read` holders (risk). */
export const auditRoute = (deps: AuditTrailDeps) =>
  routeApp()
    .openapi(auditDefs.page, async (c) => {
      if (!deps.auditTrail) throw unavailable();
      const page = await deps.auditTrail.page(c.req.valid("query"));
      c.header("Cache-Control", "no-store");
      return c.json(page, 200);
    })
    .openapi(auditDefs.export, async (c) => {
      const trail = deps.auditTrail;
      if (!trail) throw unavailable();
      const filter = c.req.valid("query");
      const max = AUDIT_PAGE.maxExportRows;
      if ((await trail.count(filter, max + 1)) > max)
        throw new HttpError(
          400,
          "EXPORT_TOO_LARGE",
          `more than ${max} rows match: narrow the filters`,
          undefined,
          {
            maxRows: max,
          },
        );
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      return c.body(csvStream(trail.rows(filter)), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
        "Cache-Control": "no-store",
      });
    });
