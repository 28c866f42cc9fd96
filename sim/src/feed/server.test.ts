import {
  applyBookUpdates,
  isBookConsistent,
  type BookSides,
  type FeedServerMessage,
} from "@pregao/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { createSimControl, startSim, type RunningSim, type StartSimOptions } from "../index.ts";
import { connect, sleep, UpgradeRefused, type TestClient } from "./testing.ts";

const TOKEN = "t-feed";
let sim: RunningSim | undefined;
const clients: TestClient[] = [];

async function boot(opts: StartSimOptions = {}): Promise<RunningSim> {
  sim = await startSim({ port: 0, feedToken: TOKEN, rate: 0, heartbeatMs: 1000, ...opts });
  return sim;
}
async function client(url = sim!.feedUrl): Promise<TestClient> {
  const c = await connect(url, TOKEN);
  clients.push(c);
  await c.next((m) => m.seq === 5);
  return c;
}
const refusal = (url: string, token?: string) =>
  connect(url, token).then(
    (c) => (c.ws.close(), 101),
    (e: unknown) => (e instanceof UpgradeRefused ? e.status : -1),
  );

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await sim?.close();
  sim = undefined;
});

describe("feed upgrade", () => {
  it("refuses a missing or wrong token with 401 and unknown paths or versions with 404", async () => {
    const s = await boot();
    expect(await refusal(s.feedUrl)).toBe(401);
    expect(await refusal(s.feedUrl, "nope")).toBe(401);
    expect(await refusal(s.feedUrl.replace("/v1", "/v2"), TOKEN)).toBe(404);
    expect(await refusal(s.feedUrl.replace("/feed/v1", "/other"), TOKEN)).toBe(404);
    expect(await refusal(s.feedUrl, TOKEN)).toBe(101);
  });

  it("greets with hello then the four healthy connection states", async () => {
    await boot();
    const c = await client();
    expect(c.messages.map((m) => [m.seq, m.type])).toEqual([
      [1, "hello"],
      [2, "connectionState"],
      [3, "connectionState"],
      [4, "connectionState"],
      [5, "connectionState"],
    ]);
    expect(c.messages[0]).toMatchObject({ protocol: 1, heartbeatMs: 1000, server: "pregao-sim/0.1.0" });
    const states = c.messages
      .slice(1)
      .map((m) => (m.type === "connectionState" ? [m.stateType, m.result] : []));
    expect(states).toEqual([
      [0, 0],
      [1, 5],
      [2, 4],
      [3, 0],
    ]);
  });

  it("sends heartbeats every heartbeatMs", async () => {
    await boot({ heartbeatMs: 50 });
    const c = await client();
    await c.next((m) => m.type === "heartbeat");
    await sleep(220);
    expect(c.messages.filter((m) => m.type === "heartbeat").length).toBeGreaterThanOrEqual(3);
  });
});

describe("feed requests", () => {
  it("answers subscribe with snapshots in order, invalidTicker, then subscribed; re-subscribe re-sends", async () => {
    await boot();
    const c = await client();
    c.send({ type: "subscribe", reqId: "s1", assets: ["PETR4:B", "XXXX9:B", "WINZ26:F"] });
    await c.next((m) => m.type === "subscribed");
    expect(c.messages.slice(5).map((m) => `${m.type}:${"asset" in m ? m.asset : ""}`)).toEqual([
      "assetInfo:",
      "tickerState:PETR4:B",
      "daily:PETR4:B",
      "bookSnapshot:PETR4:B",
      "invalidTicker:XXXX9:B",
      "assetInfo:",
      "tickerState:WINZ26:F",
      "daily:WINZ26:F",
      "bookSnapshot:WINZ26:F",
      "subscribed:",
    ]);
    expect(c.messages.at(-1)).toMatchObject({ reqId: "s1", assets: ["PETR4:B", "WINZ26:F"] });
    c.send({ type: "subscribe", reqId: "s2", assets: ["PETR4:B"] });
    await c.next((m) => m.type === "subscribed" && m.reqId === "s2");
    expect(c.messages.filter((m) => m.type === "bookSnapshot").length).toBe(3);
    c.send({ type: "unsubscribe", reqId: "u1", assets: ["PETR4:B"] });
    expect(await c.next((m) => m.type === "unsubscribed")).toMatchObject({
      reqId: "u1",
      assets: ["PETR4:B"],
    });
  });

  it("replies MALFORMED_REQUEST / UNKNOWN_REQUEST and keeps the connection open", async () => {
    await boot();
    const c = await client();
    c.send("not json");
    c.send({ type: "subscribe", reqId: "m1" });
    c.send({ type: "explode", reqId: "x1" });
    c.send({ type: "listAssets", reqId: "l1" });
    const list = await c.next((m) => m.type === "assetList");
    const errors = c.messages.filter((m) => m.type === "error");
    expect(errors.map((e) => (e.type === "error" ? [e.code, e.reqId] : []))).toEqual([
      ["MALFORMED_REQUEST", undefined],
      ["MALFORMED_REQUEST", "m1"],
      ["UNKNOWN_REQUEST", "x1"],
    ]);
    expect(list.type === "assetList" && list.assets.length).toBeGreaterThanOrEqual(100);
  });

  it("caps subscriptions per connection and subscribes none of an over-cap request", async () => {
    await boot({ maxSubscriptions: 2 });
    const c = await client();
    c.send({ type: "subscribe", reqId: "big", assets: ["PETR4:B", "VALE3:B", "ITUB4:B"] });
    expect(await c.next((m) => m.type === "error")).toMatchObject({
      code: "TOO_MANY_SUBSCRIPTIONS",
      reqId: "big",
    });
    expect(c.messages.some((m) => m.type === "subscribed" || m.type === "bookSnapshot")).toBe(false);
  });
});

describe("feed market stream", () => {
  it("streams valid, gap-free messages whose book diffs keep uncrossed books", async () => {
    const s = await boot({ rate: 3000, assets: 40 });
    const c = await client();
    const assets = (await fetchAssets(c)).slice(0, 40);
    c.send({ type: "subscribe", assets });
    await c.next((m) => m.type === "subscribed");
    await sleep(400);
    await s.close();
    expect(c.invalid).toEqual([]);
    c.messages.forEach((m, i) => expect(m.seq).toBe(i + 1));
    const books = new Map<string, BookSides>();
    let updates = 0;
    for (const m of c.messages as FeedServerMessage[]) {
      if (m.type === "bookSnapshot") books.set(m.asset, { bids: m.bids, asks: m.asks });
      if (m.type === "book") {
        const b = books.get(m.asset)!;
        applyBookUpdates(b, m.updates);
        if (!isBookConsistent(b)) throw new Error(`crossed ${m.asset} at seq ${m.seq}`);
        updates++;
      }
    }
    expect(updates).toBeGreaterThan(200);
  });
});

describe("feed backpressure", () => {
  it("closes a consumer that stops reading once its buffer exceeds the bound", async () => {
    const s = await boot({ maxBufferedBytes: 64 * 1024, assets: 30 });
    const c = await client();
    c.send({ type: "subscribe", assets: await fetchAssets(c) });
    await c.next((m) => m.type === "subscribed");
    c.ws.pause();
    const control = createSimControl(s.controlUrl, "dev-control-token");
    await control.flood(50_000, 10_000);
    const deadline = Date.now() + 8000;
    while ((await control.state()).connections > 0 && Date.now() < deadline) await sleep(100);
    expect((await control.state()).connections).toBe(0);
  });
});

async function fetchAssets(c: TestClient): Promise<string[]> {
  c.send({ type: "listAssets", reqId: "all" });
  const list = await c.next((m) => m.type === "assetList" && m.reqId === "all");
  return list.type === "assetList" ? list.assets.map((a) => a.asset) : [];
}
