import { describe, expect, it } from "vitest";
import { hc } from "hono/client";
import type { FeedStatus } from "@pregao/contracts";
import { createApp, type AppDeps, type AppType } from "./app.ts";
import { silentLogger } from "./lib/logger.ts";
import { fakeAssets } from "../tests/helpers/fake-feed.ts";
import { loginApp } from "../tests/helpers/session.ts";
import { DemoUserDirectory } from "./identity/demo-users.ts";
import { FileUserDirectory } from "./identity/file-user-directory.ts";
import { MemorySessionStore } from "./session/memory-store.ts";
import { SessionService } from "./session/session-service.ts";

const status: FeedStatus = {
  link: { state: "connecting", since: 0, attempt: 1 },
  breaker: { state: "closed", since: 0, lastError: null },
  profitDll: { login: null, routing: null, marketData: null, activation: null },
  lastMessageAt: null,
  serverTime: 0,
  staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
};

const users = await DemoUserDirectory.create(new FileUserDirectory("/nonexistent/users.json"));

function deps(known: boolean, stats: () => Record<string, unknown> = () => ({ ok: 1 })): AppDeps {
  return {
    sessions: new SessionService({ store: new MemorySessionStore(), idleMs: 60_000, absoluteMs: 600_000 }),
    users,
    logger: silentLogger,
    catalog: { known, list: () => fakeAssets },
    feedStatus: () => status,
    readyMaxFeedAgeMs: 1000,
    stats,
    webDist: null,
  };
}

describe("createApp", () => {
  it("serves instruments once known, 503 UPSTREAM_UNAVAILABLE before", async () => {
    const cold = createApp(deps(false));
    const before = await cold.request("/api/v1/instruments", {
      headers: { cookie: await loginApp(cold, "viewer") },
    });
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({
      error: { code: "UPSTREAM_UNAVAILABLE", requestId: expect.any(String) },
    });
    const warm = createApp(deps(true));
    const after = await warm.request("/api/v1/instruments", {
      headers: { cookie: await loginApp(warm, "viewer") },
    });
    expect(((await after.json()) as { instruments: unknown[] }).instruments).toHaveLength(3);
  });

  it("fails readiness when the feed never connected; liveness passes", async () => {
    const app = createApp(deps(true));
    const ready = await app.request("/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.headers.get("content-type")).toBe("application/health+json");
    expect((await app.request("/health/live")).status).toBe(200);
  });

  it("maps unknown errors to a generic 500 envelope", async () => {
    const app = createApp(
      deps(true, () => {
        throw new Error("secret");
      }),
    );
    const res = await app.request("/api/v1/stats", { headers: { cookie: await loginApp(app, "trader") } });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: "INTERNAL", message: "internal error" } });
  });

  it("types the RPC client from AppType", async () => {
    const app = createApp(deps(true));
    const cookie = await loginApp(app, "viewer");
    const client = hc<AppType>("http://localhost", {
      fetch: (input: string | URL | Request, init?: RequestInit) => app.request(input, init),
      headers: { cookie },
    });
    const res = await client.api.v1.instruments.$get({ query: { q: "PETR" } });
    if (res.status !== 200) throw new Error("expected 200");
    const body = await res.json();
    expect(body.instruments[0]?.asset).toBe("PETR4:B");
  });
});

describe("static SPA", () => {
  it("serves files, falls back to index.html, and keeps API 404s as JSON", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "bff-web-"));
    writeFileSync(join(dir, "index.html"), "<html>spa</html>");
    writeFileSync(join(dir, "app.js"), "console.log(1)");
    const app = createApp({ ...deps(true), webDist: dir });
    expect(await (await app.request("/")).text()).toContain("spa");
    expect(await (await app.request("/app.js")).text()).toContain("console");
    expect(await (await app.request("/watchlist/PETR4")).text()).toContain("spa");
    const api = await app.request("/api/v1/nope");
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("never serves source maps (they go to Sentry, not to browsers) — not even via the index.html fallback", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "bff-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<html>spa</html>");
    writeFileSync(join(dir, "assets", "index.js.map"), '{"version":3,"sources":["secret.ts"]}');
    const app = createApp({ ...deps(true), webDist: dir });
    const res = await app.request("/assets/index.js.map");
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("secret.ts");
    expect((await app.request("/assets/missing.js.map")).status).toBe(404);
  });
});
