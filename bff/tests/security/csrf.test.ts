import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER } from "@pregao/contracts";
import { httpAccess } from "../../src/security/access-table.ts";
import { demo, login, loginAs, spaHeaders, startSecureStack, type SecureStack } from "./harness.ts";

let s: SecureStack;
beforeAll(async () => {
  s = await startSecureStack();
});
afterAll(() => s.close());

const post = (path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${s.url}${path}`, {
    method: "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const creds = { username: "trader", password: demo.trader };
const json = { "content-type": "application/json" };

async function expectCsrfRejected(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  const body = (await res.json()) as { error: { code: string; requestId: string } };
  expect(body.error.code).toBe("CSRF_REJECTED");
  expect(body.error.requestId).toBeTruthy();
  expect(res.headers.get("set-cookie")).toBeNull();
}

const sessionOk = async (cookie: string) =>
  (await fetch(`${s.url}/api/v1/session`, { headers: { cookie } })).status === 200;

describe("CSRF: state-changing requests need same-origin AND the custom header", () => {
  it("the SPA's own request passes (login works)", async () => {
    expect((await login(s, "trader", demo.trader)).status).toBe(200);
  });

  it("cross-origin POST (Origin https://evil.example, Sec-Fetch-Site cross-site) → 403, no session", async () => {
    await expectCsrfRejected(
      await post(
        "/api/v1/auth/login",
        { ...json, origin: "https://evil.example", "sec-fetch-site": "cross-site", [CSRF_HEADER]: "1" },
        creds,
      ),
    );
  });

  it("cross-origin POST from a browser without fetch metadata (Origin only) → 403", async () => {
    await expectCsrfRejected(
      await post(
        "/api/v1/auth/login",
        { ...json, origin: "https://evil.example", [CSRF_HEADER]: "1" },
        creds,
      ),
    );
  });

  it("same-site (a sibling subdomain) is not same-origin → 403", async () => {
    await expectCsrfRejected(
      await post("/api/v1/auth/login", { ...json, "sec-fetch-site": "same-site", [CSRF_HEADER]: "1" }, creds),
    );
  });

  it("POST without the custom header (what a cross-site <form> sends) → 403 even from our origin", async () => {
    const { [CSRF_HEADER]: _drop, ...noHeader } = spaHeaders(s.origin);
    await expectCsrfRejected(await post("/api/v1/auth/login", noHeader, creds));
    const form = { "content-type": "application/x-www-form-urlencoded", origin: s.origin };
    await expectCsrfRejected(await post("/api/v1/auth/login", form));
  });

  it("POST with neither fetch metadata nor Origin → 403", async () => {
    await expectCsrfRejected(await post("/api/v1/auth/login", { ...json, [CSRF_HEADER]: "1" }, creds));
  });

  it("a forged logout (valid cookie, cross-site) does not end the session", async () => {
    const cookie = await loginAs(s, "viewer");
    await expectCsrfRejected(
      await post("/api/v1/auth/logout", {
        cookie,
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      }),
    );
    await expectCsrfRejected(await post("/api/v1/auth/logout", { cookie, origin: s.origin })); // no custom header
    expect(await sessionOk(cookie)).toBe(true);
    const real = await post("/api/v1/auth/logout", spaHeaders(s.origin, cookie));
    expect(real.status).toBe(204);
    expect(await sessionOk(cookie)).toBe(false);
  });

  it("every non-safe method is guarded, on every /api path (routes or not)", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"])
      for (const path of ["/api/v1/auth/logout", "/api/v1/session", "/api/v1/nope"]) {
        const res = await fetch(`${s.url}${path}`, { method, headers: { origin: "https://evil.example" } });
        expect(res.status, `${method} ${path}`).toBe(403);
      }
  });
});

describe("no state change on GET", () => {
  it("GET on the logout and login paths does nothing (404) and the session lives on", async () => {
    const cookie = await loginAs(s, "trader");
    for (const path of ["/api/v1/auth/logout", "/api/v1/auth/login"]) {
      const res = await fetch(`${s.url}${path}?username=trader&password=x`, { headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("set-cookie"), path).toBeNull();
    }
    expect(await sessionOk(cookie)).toBe(true);
  });

  it("every registered GET route leaves the session (and cookie) as it was", async () => {
    const cookie = await loginAs(s, "risk");
    const gets = httpAccess.filter((r) => r.method === "GET" && !r.path.includes("*") && !r.optional);
    expect(gets.length).toBeGreaterThan(3);
    for (const r of gets) {
      const res = await fetch(`${s.url}${r.path}`, { headers: { cookie } });
      // No order manager in this harness: trading reads answer 503 UPSTREAM_UNAVAILABLE, by design.
      // …and /health/ready says 503 until the feed link is live (its documented answer).
      const upstreamDown =
        res.status === 503 &&
        (r.path === "/health/ready" || (await res.clone().text()).includes("UPSTREAM_UNAVAILABLE"));
      if (!upstreamDown) expect(res.status, r.path).toBeLessThan(500);
      if (!r.path.startsWith("/api/v1/auth/oidc")) expect(res.headers.get("set-cookie"), r.path).toBeNull();
    }
    expect(await sessionOk(cookie)).toBe(true);
  });
});
