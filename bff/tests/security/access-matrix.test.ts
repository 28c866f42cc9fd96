import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientEventNames, permissionsOf, type Role } from "@pregao/contracts";
import { createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/env.ts";
import { DemoUserDirectory } from "../../src/identity/demo-users.ts";
import { FileUserDirectory } from "../../src/identity/file-user-directory.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import { httpAccess, httpRule, socketAccess, type HttpRule } from "../../src/security/access-table.ts";
import type { RunningBff } from "../../src/server.ts";
import { noopAudit } from "../../src/session/audit-sink.ts";
import { MemorySessionStore } from "../../src/session/memory-store.ts";
import { oidcFromConfig } from "../../src/session/oidc/index.ts";
import { SessionService } from "../../src/session/session-service.ts";
import { fakeAssets, FakeFeed } from "../helpers/fake-feed.ts";
import { call, connect, connectError, startTestBff, until } from "../helpers/clients.ts";
import { browserHeaders, demoUsers, login, type DemoUser } from "../helpers/session.ts";

// A dead loopback issuer: OIDC routes are mounted, discovery fails (503), which is all the matrix needs.
const oidcEnv = { OIDC_ISSUER: "http://127.0.0.1:9/", OIDC_CLIENT_ID: "pregao" };
const webDist = mkdtempSync(join(tmpdir(), "pregao-matrix-web-"));
writeFileSync(join(webDist, "index.html"), "<html>spa</html>");
afterAll(() => rmSync(webDist, { recursive: true, force: true }));

/** One request per table entry; a new route needs a sample here too (the coverage test says so). */
const samples: Record<string, { path?: string; body?: unknown; handlerStatus?: number }> = {
  "GET /health/live": {},
  "GET /health/ready": {},
  "POST /api/v1/auth/login": { body: { username: "viewer", password: "pregao-viewer" } },
  "POST /api/v1/auth/logout": { body: {} },
  "GET /api/v1/auth/providers": {},
  "GET /api/v1/auth/oidc/login": {},
  // Public at the access layer; the handler itself refuses a callback with no pending flow for this browser.
  "GET /api/v1/auth/oidc/callback": { path: "/api/v1/auth/oidc/callback?code=x&state=y", handlerStatus: 401 },
  "POST /api/v1/auth/oidc/logout": { body: {} },
  "GET /api/v1/session": {},
  "GET /api/v1/accounts": {},
  "GET /api/v1/instruments": {},
  "GET /api/v1/instruments/:asset": { path: "/api/v1/instruments/PETR4:B" },
  // The fake feed answers history with no trades: an empty page.
  "GET /api/v1/candles": { path: "/api/v1/candles?asset=PETR4:B&interval=1D" },
  "GET /api/v1/stats": {},
  "GET /*": { path: "/watchlist" },
  "GET /.well-known/jwks.json": {},
  "GET /api/v1/openapi.json": {},
  "GET /api/v1/client-config": {},
  "GET /runbooks/:name": { path: "/runbooks/health-panel" },
  // Trading routes: no order manager here, so an allowed call reaches the service client and answers 503.
  "POST /api/v1/orders": {
    body: {
      account: { brokerId: 308, accountId: "10001" },
      asset: "PETR4:B",
      side: "BUY",
      type: "LIMIT",
      quantity: 100,
      price: 10,
      idempotencyKey: "00000000-0000-4000-8000-000000000001",
    },
    handlerStatus: 503,
  },
  "GET /api/v1/orders": { handlerStatus: 503 },
  "GET /api/v1/orders/:id": { path: "/api/v1/orders/o-1", handlerStatus: 503 },
  "DELETE /api/v1/orders/:id": { path: "/api/v1/orders/o-1", handlerStatus: 503 },
  "POST /api/v1/orders/cancel-all": { body: {}, handlerStatus: 503 },
  "GET /api/v1/positions": { handlerStatus: 503 },
  "GET /api/v1/risk/limits": { handlerStatus: 503 },
  "PUT /api/v1/risk/limits": { body: { dailyLossLimit: 5000 }, handlerStatus: 503 },
  "POST /api/v1/risk/kill-switch": { body: { reason: "matrix test" }, handlerStatus: 503 },
  "POST /api/v1/risk/kill-switch/deactivate": { body: { reason: "matrix test" }, handlerStatus: 503 },
  "GET /api/v1/risk/audit": { handlerStatus: 503 },
  // The caller's own workspace (PGlite in memory under NODE_ENV=test); an empty PUT body is refused by validation.
  "GET /api/v1/workspace": {},
  "PUT /api/v1/workspace": { body: {}, handlerStatus: 400 },
  "DELETE /api/v1/workspace": {},
  // The audit trail's routes: test BFFs keep it off (AUDIT_STORE), so an allowed call answers 503.
  "GET /api/v1/audit": { handlerStatus: 503 },
  "GET /api/v1/audit/export": { handlerStatus: 503 },
};
const key = (r: HttpRule) => `${r.method} ${r.path}`;

describe("access table coverage", () => {
  it("has an entry for every route Hono registered (and a matrix sample for each entry)", async () => {
    const sessions = new SessionService({ store: new MemorySessionStore(), idleMs: 1000, absoluteMs: 2000 });
    const oidc = oidcFromConfig(loadConfig(oidcEnv, {}), {
      sessions,
      audit: noopAudit,
      logger: silentLogger,
    });
    const app = createApp({
      logger: silentLogger,
      catalog: { known: true, list: () => fakeAssets },
      feedStatus: () => {
        throw new Error("unused");
      },
      readyMaxFeedAgeMs: 1000,
      stats: () => ({}),
      webDist,
      sessions,
      users: await DemoUserDirectory.create(new FileUserDirectory("/nonexistent/users.json")),
      ...(oidc ? { oidc } : {}),
    });
    const handlers = app.routes.filter((r) => r.method !== "ALL");
    const missing = handlers.filter((r) => !httpRule(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    const registered = new Set(handlers.map((r) => `${r.method} ${r.path}`));
    const stale = httpAccess.filter((r) => !registered.has(key(r))).map(key);
    expect(stale).toEqual([]);
    expect(httpAccess.map(key).filter((k) => !(k in samples))).toEqual([]);
  });

  it("has an entry for every ClientToServerEvents name", () => {
    expect(Object.keys(socketAccess).sort()).toEqual([...clientEventNames].sort());
  });
});

type Who = DemoUser | "anonymous";
const everyone: Who[] = [...demoUsers, "anonymous"];
const roleOf = (who: DemoUser): Role => who; // demo usernames are their role
const expected = (access: string, who: Who): "ok" | 401 | 403 => {
  if (access === "public") return "ok";
  if (who === "anonymous") return 401;
  if (access === "session") return "ok";
  return permissionsOf([roleOf(who)]).includes(access as never) ? "ok" : 403;
};

describe("role × route/event matrix (generated from the access table)", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  const cookies = new Map<DemoUser, string>();
  beforeAll(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t", {
      WEB_DIST: webDist,
      ...oidcEnv,
      RATE_LOGIN_IP: 0,
      RATE_API_PER_MIN: 0,
    });
    await until(() => bff.feed.catalog.known);
    for (const u of demoUsers) cookies.set(u, await login(bff.url, u));
  });
  afterAll(async () => {
    await bff.close();
    await feed.close();
  });

  const cases = httpAccess.flatMap((rule) => everyone.map((who) => ({ rule, who })));
  it.each(cases.map((c) => [key(c.rule), c.who, c.rule.access, c] as const))(
    "HTTP %s as %s (%s)",
    async (_k, who, access, { rule }) => {
      const sample = samples[key(rule)]!;
      // POSTs end or replace the caller's session (logout, fixation defence): give them a session of their own.
      const cookie =
        who === "anonymous"
          ? undefined
          : rule.method === "POST"
            ? await login(bff.url, who)
            : cookies.get(who);
      const res = await fetch(`${bff.url}${sample.path ?? rule.path}`, {
        method: rule.method,
        headers: browserHeaders(bff.url, cookie),
        redirect: "manual",
        ...(sample.body !== undefined ? { body: JSON.stringify(sample.body) } : {}),
      });
      const want = expected(access, who);
      if (want === "ok" && sample.handlerStatus !== undefined) expect(res.status).toBe(sample.handlerStatus);
      else if (want === "ok") expect([401, 403]).not.toContain(res.status);
      else expect(res.status).toBe(want);
      if (want === "ok" && access !== "public" && sample.handlerStatus === undefined)
        expect(res.status).toBe(200);
    },
  );

  const events = Object.entries(socketAccess).flatMap(([event, access]) =>
    everyone.map((who) => [event, who, access] as const),
  );
  it.each(events)("socket %s as %s (%s)", async (event, who, access) => {
    if (who === "anonymous") {
      expect((await connectError(bff.url, { cookie: null })).data?.code).toBe("UNAUTHENTICATED");
      return;
    }
    const s = await connect(bff.url, { cookie: cookies.get(who)! });
    try {
      const payload = event.startsWith("candles:")
        ? { asset: "PETR4:B", interval: "1m" }
        : { assets: ["PETR4:B"] };
      const ack = await call(s, event, payload);
      if (expected(access, who) === "ok") expect(ack).toMatchObject({ ok: true });
      else expect(ack).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    } finally {
      s.disconnect();
    }
  });
});
