import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKSPACE_LIMITS, type Workspace } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import { startTestBff } from "../helpers/clients.ts";
import { browserHeaders, login, type DemoUser } from "../helpers/session.ts";

// A real BFF on port 0 (PGlite in memory: NODE_ENV=test); no feed needed (port 9 refuses at once).
let bff: RunningBff;
const cookies: Partial<Record<DemoUser, string>> = {};
beforeAll(async () => {
  bff = await startTestBff("ws://127.0.0.1:9/feed/v1", "t", { WORKSPACE_MAX_BYTES: 8 * 1024 });
  // Open PGlite (lazy under NODE_ENV=test) here: its start takes 10–30 s on a loaded machine, past a test's timeout.
  await bff.database.primary();
  for (const u of ["trader", "risk", "viewer"] as const) cookies[u] = await login(bff.url, u);
}, 90_000);
afterAll(async () => {
  await bff.close();
});

const send = (as: DemoUser, method: string, body?: unknown, raw?: string) =>
  fetch(`${bff.url}/api/v1/workspace`, {
    method,
    headers: browserHeaders(new URL(bff.url).origin, cookies[as]),
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
const get = async (as: DemoUser): Promise<Workspace> => (await (await send(as, "GET")).json()) as Workspace;
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; field?: string } }).error;

describe("/api/v1/workspace", () => {
  it("answers each role's default at revision 0 when nothing is saved", async () => {
    for (const role of ["trader", "risk", "viewer"] as const) {
      const ws = await get(role);
      expect(ws.revision).toBe(0);
      expect(ws.layouts[0]?.role).toBe(role);
    }
  });

  it("refuses anonymous callers", async () => {
    expect((await fetch(`${bff.url}/api/v1/workspace`)).status).toBe(401);
  });

  it("saves with the revision it read, then answers the saved document; a stale revision → 409 with current", async () => {
    const ws = await get("trader");
    const mine = { ...ws, watchlists: [{ name: "Main", assets: ["BBAS3:B"] }] };
    const saved = await send("trader", "PUT", mine);
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as Workspace).revision).toBe(ws.revision + 1);
    expect((await get("trader")).watchlists).toEqual(mine.watchlists);

    const stale = await send("trader", "PUT", { ...mine, watchlists: [{ name: "Main", assets: [] }] });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { code: string; details: { current: Workspace } } };
    expect(body.error.code).toBe("WORKSPACE_CONFLICT");
    expect(body.error.details.current.revision).toBe(ws.revision + 1);
    expect(body.error.details.current.watchlists).toEqual(mine.watchlists);
  });

  it("keeps users apart: the trader's save is not the viewer's workspace", async () => {
    const t = await get("trader");
    await send("trader", "PUT", { ...t, watchlists: [{ name: "Main", assets: ["MGLU3:B"] }] });
    const v = await get("viewer");
    expect(v.revision).toBe(0);
    expect(v.watchlists[0]?.assets).not.toContain("MGLU3:B");
  });

  it("DELETE resets to the role's default", async () => {
    const r = await get("risk");
    await send("risk", "PUT", { ...r, preferences: { theme: "light" } });
    const reset = await send("risk", "DELETE");
    expect(((await reset.json()) as Workspace).revision).toBe(0);
    expect((await get("risk")).preferences).toEqual({});
  });

  it("bad input → 400 VALIDATION_FAILED naming the field", async () => {
    const ws = await get("viewer");
    const layout = ws.layouts[0]!;
    const cases: [unknown, string][] = [
      [
        { ...ws, layouts: [{ ...layout, panels: [{ id: "x", type: "spreadsheet" }] }] },
        "layouts.0.panels.0.type",
      ],
      [
        {
          ...ws,
          // Bare layouts: 21 copies of an arranged one would trip this test app's byte limit before the count.
          layouts: Array.from({ length: WORKSPACE_LIMITS.layouts + 1 }, (_, i) => ({
            name: `L${i}`,
            panels: [],
          })),
        },
        "layouts",
      ],
      [
        {
          ...ws,
          watchlists: Array.from({ length: WORKSPACE_LIMITS.watchlists + 1 }, (_, i) => ({
            name: `W${i}`,
            assets: [],
          })),
        },
        "watchlists",
      ],
      [
        {
          ...ws,
          watchlists: [
            {
              name: "Main",
              assets: Array.from({ length: 101 }, (_, i) => `AA${String(i).padStart(3, "0")}:B`),
            },
          ],
        },
        "watchlists.0.assets",
      ],
      [{ ...ws, activeWatchlist: "Nope" }, "activeWatchlist"],
      [{ ...ws, revision: -1 }, "revision"],
    ];
    for (const [body, field] of cases) {
      const res = await send("viewer", "PUT", body);
      expect(res.status, field).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    const invalidJson = await send("viewer", "PUT", undefined, "{not json");
    expect(invalidJson.status).toBe(400);
    expect(await errorOf(invalidJson)).toMatchObject({ code: "VALIDATION_FAILED", field: "body" });
    const huge = await send("viewer", "PUT", { ...ws, padding: "x".repeat(9 * 1024) });
    expect(huge.status).toBe(400);
    expect(await errorOf(huge)).toMatchObject({ code: "VALIDATION_FAILED", field: "body" });
    expect((await get("viewer")).revision).toBe(0);
  });

  it("accepts a document larger than the generic 16 KiB body limit, up to WORKSPACE_MAX_BYTES", async () => {
    const big = await startTestBff("ws://127.0.0.1:9/feed/v1", "t", { WORKSPACE_MAX_BYTES: 64 * 1024 });
    try {
      const cookie = await login(big.url, "trader");
      const headers = browserHeaders(new URL(big.url).origin, cookie);
      const ws = (await (await fetch(`${big.url}/api/v1/workspace`, { headers })).json()) as Workspace;
      const watchlists = Array.from({ length: 20 }, (_, w) => ({
        name: `List ${w}`,
        assets: Array.from(
          { length: 100 },
          (_, i) => `T${String(w).padStart(2, "0")}${String(i).padStart(3, "0")}:B`,
        ),
      }));
      const body = JSON.stringify({ ...ws, watchlists, activeWatchlist: "List 0" });
      expect(body.length).toBeGreaterThan(16 * 1024);
      const res = await fetch(`${big.url}/api/v1/workspace`, { method: "PUT", headers, body });
      expect(res.status).toBe(200);
    } finally {
      await big.close();
    }
  });
});
