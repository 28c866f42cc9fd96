import { describe, expect, it } from "vitest";
import type { AssetInfo, Candle, CandleInterval } from "@pregao/contracts";
import { createApp } from "../../app.ts";
import { DemoUserDirectory } from "../../identity/demo-users.ts";
import { FileUserDirectory } from "../../identity/file-user-directory.ts";
import { silentLogger } from "../../lib/logger.ts";
import { MemorySessionStore } from "../../session/memory-store.ts";
import { SessionService } from "../../session/session-service.ts";
import { HistoryUnavailableError } from "../../upstream/history-jobs.ts";
import { loginApp } from "../../../tests/helpers/session.ts";
import type { CandlesSource } from "./index.ts";

const users = await DemoUserDirectory.create(new FileUserDirectory("/nonexistent/users.json"));
const petr = { asset: "PETR4:B" } as AssetInfo;
const bar = (time: number): Candle => ({ time, open: 1, high: 1, low: 1, close: 1, volume: 100, trades: 1 });

function app(candles?: CandlesSource) {
  return createApp({
    sessions: new SessionService({ store: new MemorySessionStore(), idleMs: 60_000, absoluteMs: 600_000 }),
    users,
    logger: silentLogger,
    catalog: { known: true, list: () => [petr] },
    feedStatus: () => {
      throw new Error("not used");
    },
    readyMaxFeedAgeMs: 1000,
    stats: () => ({}),
    webDist: null,
    ...(candles ? { candles } : {}),
  });
}

interface CandlesBody {
  asset: string;
  interval: string;
  candles: Candle[];
  nextTo: number | null;
  error: { code: string; field?: string };
}

/** Ten 1m bars; pages like the bar store. */
const source = (calls: Array<[string, CandleInterval, number, number]> = []): CandlesSource => ({
  page: async (asset, interval, to, limit) => {
    calls.push([asset, interval, to, limit]);
    const all = Array.from({ length: 10 }, (_, i) => bar(i * 60_000)).filter((c) => c.time < to);
    const candles = all.slice(-limit);
    return { candles, nextTo: all.length > candles.length ? candles[0]!.time : null };
  },
});

async function get(a: ReturnType<typeof app>, query: string, who: "viewer" | "trader" = "viewer") {
  const cookie = await loginApp(a, who);
  const res = await a.request(`/api/v1/candles?${query}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as CandlesBody };
}

describe("GET /api/v1/candles", () => {
  it("serves a page and the `to` of the page before; the last page has nextTo null", async () => {
    const calls: Array<[string, CandleInterval, number, number]> = [];
    const a = app(source(calls));
    const first = await get(a, "asset=PETR4:B&interval=1m&limit=4&to=600000");
    expect(first.status).toBe(200);
    expect(first.body.candles.map((c: Candle) => c.time / 60_000)).toEqual([6, 7, 8, 9]);
    expect(first.body).toMatchObject({ asset: "PETR4:B", interval: "1m", nextTo: 360_000 });
    const last = await get(a, `asset=PETR4:B&interval=1m&limit=10&to=${String(first.body.nextTo)}`);
    expect(last.body.candles).toHaveLength(6);
    expect(last.body.nextTo).toBeNull();
    expect(calls[0]).toEqual(["PETR4:B", "1m", 600_000, 4]);
  });

  it("defaults to = now and limit = 300 for every logged-in role", async () => {
    const calls: Array<[string, CandleInterval, number, number]> = [];
    const before = Date.now();
    expect((await get(app(source(calls)), "asset=PETR4:B&interval=1D", "trader")).status).toBe(200);
    expect(calls[0]![2]).toBeGreaterThanOrEqual(before);
    expect(calls[0]![3]).toBe(300);
  });

  it("answers 400 naming the field for a bad asset, interval, limit or to", async () => {
    const a = app(source());
    for (const [query, field] of [
      ["asset=petr4&interval=1m", "asset"],
      ["asset=PETR4:B&interval=2m", "interval"],
      ["asset=PETR4:B&interval=1m&limit=1001", "limit"],
      ["asset=PETR4:B&interval=1m&limit=0", "limit"],
      ["asset=PETR4:B&interval=1m&to=yesterday", "to"],
    ] as const) {
      const res = await get(a, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.field, query).toBe(field);
    }
  });

  it("`from` bounds the range inclusively and pages inside it; nextTo null once the page reaches `from`", async () => {
    const a = app(source());
    const first = await get(a, "asset=PETR4:B&interval=1m&from=120000&to=600000&limit=4");
    expect(first.status).toBe(200);
    expect(first.body.candles.map((c: Candle) => c.time / 60_000)).toEqual([6, 7, 8, 9]);
    expect(first.body.nextTo).toBe(360_000);
    const last = await get(
      a,
      `asset=PETR4:B&interval=1m&from=120000&to=${String(first.body.nextTo)}&limit=4`,
    );
    expect(last.body.candles.map((c: Candle) => c.time / 60_000)).toEqual([2, 3, 4, 5]);
    expect(last.body.nextTo).toBeNull();
    const cut = await get(a, "asset=PETR4:B&interval=1m&from=180000&to=600000&limit=300");
    expect(cut.body.candles.map((c: Candle) => c.time / 60_000)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(cut.body.nextTo).toBeNull();
  });

  it("a range far longer than `limit` bars is paged, not refused", async () => {
    const res = await get(app(source()), "asset=PETR4:B&interval=1m&from=0&to=600000&limit=2");
    expect(res.status).toBe(200);
    expect(res.body.candles).toHaveLength(2);
    expect(res.body.nextTo).toBe(480_000);
  });

  it("answers 400 naming `from` when from >= to (given or defaulted to now) or from is not a number", async () => {
    const a = app(source());
    for (const query of [
      "asset=PETR4:B&interval=1m&from=600000&to=600000",
      "asset=PETR4:B&interval=1m&from=700000&to=600000",
      `asset=PETR4:B&interval=1m&from=${Date.now() + 3_600_000}`,
      "asset=PETR4:B&interval=1m&from=today",
    ]) {
      const res = await get(a, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: "VALIDATION_FAILED", field: "from" });
    }
  });

  it("answers 404 UNKNOWN_ASSET for an asset outside the catalog and 503 when history cannot be fetched", async () => {
    const unknown = await get(app(source()), "asset=VALE3:B&interval=1m");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: "UNKNOWN_ASSET", field: "asset" });
    const down = await get(
      app({ page: () => Promise.reject(new HistoryUnavailableError("no history within 30000 ms")) }),
      "asset=PETR4:B&interval=1m",
    );
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe("UPSTREAM_UNAVAILABLE");
  });
});
