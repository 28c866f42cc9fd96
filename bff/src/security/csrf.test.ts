import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { CSRF_HEADER } from "@pregao/contracts";
import type { HttpError } from "../lib/http-error.ts";
import { csrfGuard, csrfVerdict } from "./csrf.ts";

const allowed = ["http://127.0.0.1:9080"];

describe("csrfVerdict", () => {
  it.each([
    [{ secFetchSite: "same-origin", custom: "1" }, null],
    [{ secFetchSite: "none", custom: "1" }, null],
    [{ origin: "http://127.0.0.1:9080", custom: "1" }, null],
    [
      { secFetchSite: "cross-site", origin: "https://evil.example", custom: "1" },
      "cross-site request (cross-site)",
    ],
    [{ secFetchSite: "same-site", custom: "1" }, "cross-site request (same-site)"],
    [{ origin: "https://evil.example", custom: "1" }, "origin not allowed"],
    [{ origin: "null", custom: "1" }, "origin not allowed"],
    [{ custom: "1" }, "missing Origin"],
    [{ secFetchSite: "same-origin" }, `missing ${CSRF_HEADER} header`],
    [{ origin: "http://127.0.0.1:9080", custom: "" }, `missing ${CSRF_HEADER} header`],
  ])("%j → %s", (headers, verdict) => {
    expect(csrfVerdict(headers, allowed)).toBe(verdict);
  });
});

describe("csrfGuard", () => {
  const rejected: string[] = [];
  const app = new Hono()
    .use(csrfGuard({ allowedOrigins: () => allowed, onReject: (_c, r) => rejected.push(r) }))
    .all("/x", (c) => c.text("ok"));
  app.onError((err, c) => c.text((err as HttpError).code, (err as HttpError).status));

  it("lets safe methods through without any header", async () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect((await app.request("/x", { method })).status).toBe(200);
  });

  it("refuses every other method without same-origin + custom header, and reports why", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "PROPFIND"]) {
      const res = await app.request("/x", {
        method,
        headers: { origin: "https://evil.example", [CSRF_HEADER]: "1" },
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe("CSRF_REJECTED");
    }
    expect(rejected.at(-1)).toBe("origin not allowed");
    const ok = await app.request("/x", {
      method: "POST",
      headers: { "sec-fetch-site": "same-origin", [CSRF_HEADER]: "1" },
    });
    expect(ok.status).toBe(200);
  });
});
