import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FeedStatus } from "@pregao/contracts";
import { createApp } from "../../app.ts";
import { DemoUserDirectory } from "../../identity/demo-users.ts";
import { FileUserDirectory } from "../../identity/file-user-directory.ts";
import { silentLogger } from "../../lib/logger.ts";
import { MemorySessionStore } from "../../session/memory-store.ts";
import { SessionService } from "../../session/session-service.ts";
import { loginApp } from "../../../tests/helpers/session.ts";
import { renderRunbook, slugify } from "./render.ts";

const dir = mkdtempSync(join(tmpdir(), "pregao-runbooks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, "feed-down-or-stale.md"),
  [
    "# Feed down or stale",
    "",
    "## Symptoms",
    "The panel shows **feed** red.",
    "",
    "## Checks",
    "1. `curl /health/ready`",
    "<script>alert(1)</script>",
    '<p style="color:red">x</p>',
    "",
    "## Verify recovery",
    "[metrics](/metrics)",
  ].join("\n"),
);

const feed: FeedStatus = {
  link: { state: "live", since: 0 },
  breaker: { state: "closed", since: 0, lastError: null },
  profitDll: { login: 0, routing: 2, marketData: 4, activation: 0 },
  lastMessageAt: 0,
  serverTime: 0,
  staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
};
const app = createApp({
  sessions: new SessionService({ store: new MemorySessionStore(), idleMs: 60_000, absoluteMs: 600_000 }),
  users: await DemoUserDirectory.create(new FileUserDirectory("/nonexistent/users.json")),
  logger: silentLogger,
  catalog: { known: true, list: () => [] },
  feedStatus: () => feed,
  readyMaxFeedAgeMs: 1000,
  stats: () => ({}),
  webDist: null,
  runbooksDir: dir,
});
const risk = await loginApp(app, "risk");
const get = (path: string, cookie: string | null = risk) =>
  app.request(path, cookie ? { headers: { cookie } } : {});

describe("GET /runbooks/:name", () => {
  it("renders the Markdown as HTML with heading ids for #anchors and no inline script or style", async () => {
    const res = await get("/runbooks/feed-down-or-stale");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<h2 id="checks">Checks</h2>');
    expect(html).toContain('<h2 id="verify-recovery">Verify recovery</h2>');
    expect(html).toContain("<title>Feed down or stale · Pregão runbooks</title>");
    expect(html).not.toMatch(/<script|<style|<[^>]+\sstyle=/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("answers 400 VALIDATION_FAILED for a name outside [a-z0-9-] and 404 NOT_FOUND for a missing runbook", async () => {
    for (const bad of ["Feed", "a_b", "..%2Fsecrets", "x.md"]) {
      const res = await get(`/runbooks/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "name" } });
    }
    const missing = await get("/runbooks/no-such-runbook");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("needs ops:read: 401 anonymous, 403 for a trader", async () => {
    expect((await get("/runbooks/feed-down-or-stale", null)).status).toBe(401);
    expect((await get("/runbooks/feed-down-or-stale", await loginApp(app, "trader"))).status).toBe(403);
  });
});

describe("renderRunbook", () => {
  it("gives repeated headings distinct ids", () => {
    const html = renderRunbook("x", "# T\n## Checks\n## Checks\n");
    expect(html).toContain('id="checks"');
    expect(html).toContain('id="checks-1"');
  });
  it("slugifies like GitHub", () => {
    expect(slugify("Verify recovery")).toBe("verify-recovery");
    expect(slugify("Breaker open (order-manager)!")).toBe("breaker-open-order-manager");
  });
});
