import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER } from "@pregao/contracts";
import { loginAs, spaHeaders, startSecureStack, type SecureStack } from "./harness.ts";

const webDist = fileURLToPath(new URL("../../../web/dist", import.meta.url));
const hasDist = (() => {
  try {
    return readFileSync(join(webDist, "index.html"), "utf8").length > 0;
  } catch {
    return false;
  }
})();

let s: SecureStack;
beforeAll(async () => {
  s = await startSecureStack({ WEB_DIST: hasDist ? webDist : "/nonexistent", RATE_LOGIN_IP: 3 });
});
afterAll(() => s.close());

function expectSecureHeaders(res: Response, what: string): void {
  const h = (n: string) => res.headers.get(n);
  const csp = h("content-security-policy") ?? "";
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toMatch(/script-src 'self'(;|$)/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'none'");
  expect(csp, what).not.toContain("unsafe-inline");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(h("x-content-type-options"), what).toBe("nosniff");
  expect(h("referrer-policy"), what).toBe("no-referrer");
  expect(h("cross-origin-opener-policy"), what).toBe("same-origin");
  expect(h("x-frame-options"), what).toBe("DENY");
  expect(h("strict-transport-security"), what).toBeNull(); // plain http: no HSTS
  expect(h("access-control-allow-origin"), what).toBeNull(); // never CORS
  expect(h("x-powered-by"), what).toBeNull();
}

describe("secure headers on every kind of response", () => {
  it.runIf(hasDist)("HTML (SPA index and deep-link fallback) and static assets", async () => {
    for (const path of ["/", "/login", "/some/deep/link"]) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/text\/html/);
      expectSecureHeaders(res, path);
    }
    const html = await (await fetch(`${s.url}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    expectSecureHeaders(await fetch(`${s.url}${asset}`), asset!);
  });

  it("API success, 401, 403 (CSRF), 404, 413, 429 and health", async () => {
    const cookie = await loginAs(s, "trader");
    const cases: Array<[string, Promise<Response>, number]> = [
      ["session 200", fetch(`${s.url}/api/v1/session`, { headers: { cookie } }), 200],
      ["session 401", fetch(`${s.url}/api/v1/session`), 401],
      ["csrf 403", fetch(`${s.url}/api/v1/auth/logout`, { method: "POST", headers: { cookie } }), 403],
      ["api 404", fetch(`${s.url}/api/v1/nope`, { headers: { cookie } }), 404],
      [
        "body 413",
        fetch(`${s.url}/api/v1/auth/login`, {
          method: "POST",
          headers: spaHeaders(s.origin),
          body: "x".repeat(20_000),
        }),
        413,
      ],
      ["health", fetch(`${s.url}/health/live`), 200],
    ];
    for (const [what, p, status] of cases) {
      const res = await p;
      expect(res.status, what).toBe(status);
      expectSecureHeaders(res, what);
    }
    let res: Response;
    do
      res = await fetch(`${s.url}/api/v1/auth/login`, {
        method: "POST",
        headers: spaHeaders(s.origin),
        body: JSON.stringify({ username: "nobody", password: "x" }),
      });
    while (res.status !== 429);
    expectSecureHeaders(res, "login 429");
  });

  it("a CORS preflight for the custom header is never granted", async () => {
    const res = await fetch(`${s.url}/api/v1/auth/logout`, {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": CSRF_HEADER,
      },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-headers")).toBeNull();
  });
});

describe.runIf(hasDist)("the built SPA fits the CSP", () => {
  it("index.html has no inline script, inline style, style attribute or inline event handler", () => {
    const html = readFileSync(join(webDist, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:/i);
    for (const [, href] of html.matchAll(/<link\b[^>]*href="([^"]+)"/gi)) expect(href).toMatch(/^\/assets\//);
  });
});
