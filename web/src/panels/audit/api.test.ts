import { describe, expect, it, vi } from "vitest";
import { auditKeys, auditPageQueryOptions, fetchAuditExport } from "./api.ts";

describe("audit queries", () => {
  it("refetches only the newest page by itself (on focus, once stale); older keyset pages never change", () => {
    const newest = auditPageQueryOptions({ user: "risk" }, undefined);
    expect(newest.queryKey).toEqual(auditKeys.page({ user: "risk" }, undefined));
    expect(newest).toMatchObject({ staleTime: 30_000, refetchOnWindowFocus: true });
    expect(newest).not.toHaveProperty("refetchInterval");
    expect(auditPageQueryOptions({}, 42)).toMatchObject({ staleTime: Infinity, refetchOnWindowFocus: false });
  });

  it("gives every filter and cursor its own key under auditKeys.all", () => {
    const a = auditKeys.page({ user: "risk" }, undefined);
    expect(a.slice(0, 1)).toEqual([...auditKeys.all]);
    expect(auditKeys.page({ user: "risk" }, 7)).not.toEqual(a);
    expect(auditKeys.page({ user: "trader" }, undefined)).not.toEqual(a);
  });

  it("fetches the export with the filters, encoded, and names the file from Content-Disposition", async () => {
    const fetchMock = vi.fn((_url: string) =>
      Promise.resolve(
        new Response("seq\r\n", {
          headers: {
            "content-type": "text/csv",
            "content-disposition": 'attachment; filename="audit-1.csv"',
          },
        }),
      ),
    );
    vi.stubGlobal("fetch", fetchMock);
    try {
      const file = await fetchAuditExport({
        user: "ana maria",
        asset: "PETR4:B",
        from: "2026-12-03T12:00:00.000Z",
      });
      expect(file.filename).toBe("audit-1.csv");
      expect(await file.blob.text()).toBe("seq\r\n");
      const url = new URL(String(fetchMock.mock.calls[0]![0]), "http://x");
      expect(url.pathname).toBe("/api/v1/audit/export");
      expect(Object.fromEntries(url.searchParams)).toEqual({
        user: "ana maria",
        asset: "PETR4:B",
        from: "2026-12-03T12:00:00.000Z",
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
