import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  parseConnectExtra,
  securityHeaders,
  sentryConnectSources,
} from "./headers.ts";

describe("content security policy", () => {
  it("is strict: no inline or eval anywhere, no framing, no plugins, no base tag", () => {
    const csp = contentSecurityPolicy();
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    expect(csp).not.toMatch(/unsafe-/);
  });

  it("adds CSP_CONNECT_EXTRA origins to connect-src only, and refuses anything but https/wss origins", () => {
    const extra = parseConnectExtra("https://o1.ingest.sentry.io, wss://x.example:8443");
    expect(contentSecurityPolicy(extra)).toContain(
      "connect-src 'self' https://o1.ingest.sentry.io wss://x.example:8443;",
    );
    expect(() => parseConnectExtra("'unsafe-inline'")).toThrow(/CSP_CONNECT_EXTRA/);
    expect(() => parseConnectExtra("https://a.example; script-src *")).toThrow(/CSP_CONNECT_EXTRA/);
    expect(() => parseConnectExtra("*")).toThrow();
    expect(parseConnectExtra("")).toEqual([]);
  });
});

describe("securityHeaders", () => {
  const app = new Hono().use(securityHeaders()).get("/", (c) => c.text("hi"));
  app.onError((_e, c) => c.text("boom", 500));

  it("sets the headers, and HSTS only over TLS", async () => {
    const res = await app.request("http://127.0.0.1/");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const tls = await app.request("https://pregao.example/");
    expect(tls.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  });
});

describe("Sentry DSN in connect-src", () => {
  const cspOf = async (sentryDsn?: string) =>
    (
      await new Hono()
        .use(securityHeaders({ sentryDsn }))
        .get("/", (c) => c.text("hi"))
        .request("/")
    ).headers.get("content-security-policy");

  it("adds the DSN's origin only (no key, no project path) when WEB_SENTRY_DSN is set", async () => {
    const csp = await cspOf("https://abc123@o42.ingest.sentry.io/7");
    expect(csp).toContain("connect-src 'self' https://o42.ingest.sentry.io;");
    expect(csp).not.toContain("abc123");
    expect(await cspOf("http://public@127.0.0.1:40123/1")).toContain(
      "connect-src 'self' http://127.0.0.1:40123;",
    );
  });

  it("adds nothing without a DSN, and refuses a DSN that is not an http(s) URL", async () => {
    expect(await cspOf(undefined)).toContain("connect-src 'self';");
    expect(sentryConnectSources("")).toEqual([]);
    expect(() => sentryConnectSources("not a url")).toThrow(/WEB_SENTRY_DSN/);
    expect(() => sentryConnectSources("ftp://h.example/1")).toThrow(/WEB_SENTRY_DSN/);
  });
});
