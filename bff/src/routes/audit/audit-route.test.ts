import { describe, expect, it } from "vitest";
import type { AuditEntry, AuditPage } from "@pregao/contracts";
import type { AuditReader } from "../../audit/reader.ts";
import { HttpError } from "../../lib/http-error.ts";
import { auditRoute } from "./index.ts";

const entry = (seq: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  at: "2026-12-04T10:00:00.000Z",
  event: "login.failure",
  outcome: "failure",
  user: "=cmd|' /C calc'!A0",
  ip: null,
  requestId: null,
  asset: null,
  orderId: null,
  reason: 'bad "password", twice',
  details: null,
  hash: "h",
  ...over,
});

function reader(rows: AuditEntry[], count = rows.length): AuditReader & { queries: unknown[] } {
  const queries: unknown[] = [];
  return {
    queries,
    page: async (q): Promise<AuditPage> => {
      queries.push(q);
      return { entries: rows, nextCursor: null };
    },
    count: async () => count,
    rows: async function* () {
      yield* rows;
    },
  };
}

/** The route alone (access is the app's job, tested by the access table and the integration test). */
const app = (trail: AuditReader | null) => {
  const a = auditRoute({ auditTrail: trail });
  a.onError((err) =>
    err instanceof HttpError
      ? Response.json({ error: { code: err.code, details: err.details } }, { status: err.status })
      : Response.json({ error: { code: "VALIDATION_FAILED", message: err.message } }, { status: 400 }),
  );
  return a;
};

describe("audit routes", () => {
  it("passes the validated query (limit defaulted, before coerced) and answers the page", async () => {
    const r = reader([entry(2)]);
    const res = await app(r).request("/api/v1/audit?action=login&before=10");
    expect(res.status).toBe(200);
    expect(((await res.json()) as AuditPage).entries[0]?.seq).toBe(2);
    expect(r.queries[0]).toEqual({ action: "login", before: 10, limit: 100 });
    expect((await app(r).request("/api/v1/audit?limit=501")).status).toBe(400);
  });

  it("exports RFC 4180 CSV with formula cells neutralised", async () => {
    const res = await app(reader([entry(2), entry(1, { user: "risk", reason: null })])).request(
      "/api/v1/audit/export?user=x",
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const text = await res.text();
    expect(text.split("\r\n")).toEqual([
      "seq,at,event,outcome,user,ip,requestId,asset,orderId,reason,details",
      `2,2026-12-04T10:00:00.000Z,login.failure,failure,'=cmd|' /C calc'!A0,,,,,"bad ""password"", twice",`,
      "1,2026-12-04T10:00:00.000Z,login.failure,failure,risk,,,,,,",
      "",
    ]);
  });

  it("refuses an export over maxExportRows (400 EXPORT_TOO_LARGE) and answers 503 without a database trail", async () => {
    const big = await app(reader([], 50_001)).request("/api/v1/audit/export");
    expect(big.status).toBe(400);
    expect(await big.json()).toEqual({ error: { code: "EXPORT_TOO_LARGE", details: { maxRows: 50_000 } } });
    const off = await app(null).request("/api/v1/audit");
    expect(off.status).toBe(503);
  });
});
