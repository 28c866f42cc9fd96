import { feedServerMessageSchema } from "@pregao/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../index.ts";
import { connect, sleep, UpgradeRefused, type TestClient } from "../feed/testing.ts";
import { createSimControl, SimControlError, type SimControl } from "./client.ts";

const FEED = "t-feed";
const CONTROL = "t-control";
let sim: RunningSim;
let control: SimControl;
const clients: TestClient[] = [];

async function boot(heartbeatMs = 50): Promise<void> {
  sim = await startSim({ port: 0, feedToken: FEED, controlToken: CONTROL, rate: 0, heartbeatMs });
  control = createSimControl(sim.controlUrl, CONTROL);
}
async function client(): Promise<TestClient> {
  const c = await connect(sim.feedUrl, FEED);
  clients.push(c);
  await c.next((m) => m.seq === 5);
  return c;
}
const lastSeq = (c: TestClient) => c.messages.at(-1)?.seq ?? 0;

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await sim.close();
});

describe("control API", () => {
  it("requires the bearer token and validates bodies with a field", async () => {
    await boot();
    const bare = await fetch(`${sim.controlUrl}/state`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    await expect(createSimControl(sim.controlUrl, "wrong").state()).rejects.toMatchObject({ status: 401 });
    const bad = await fetch(`${sim.controlUrl}/refuse`, {
      method: "POST",
      headers: { authorization: `Bearer ${CONTROL}` },
      body: JSON.stringify({ enabled: "yes" }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "enabled" } });
    await expect(control.flood(1, 120_000)).rejects.toBeInstanceOf(SimControlError);
    const health = await fetch(sim.controlUrl.replace("/control", "/health"));
    expect(await health.json()).toEqual({ status: "pass" });
  });

  it("drop closes every connection with 1012", async () => {
    await boot();
    const c = await client();
    expect((await control.state()).connections).toBe(1);
    await control.drop();
    expect(await c.closed).toBe(1012);
  });

  it("refuse answers upgrades with 503 until disabled", async () => {
    await boot();
    await control.refuse(true);
    await expect(connect(sim.feedUrl, FEED)).rejects.toEqual(new UpgradeRefused(503));
    await control.refuse(false);
    await client();
  });

  it("blackhole silences an open connection (heartbeats too); the lost frames show as a gap", async () => {
    await boot(40);
    const c = await client();
    await c.next((m) => m.type === "heartbeat");
    await control.blackhole(true);
    await sleep(30);
    const count = c.messages.length;
    c.send({ type: "listAssets" });
    await sleep(250);
    expect(c.messages.length).toBe(count);
    const before = lastSeq(c);
    await control.blackhole(false);
    const after = await c.next((m) => m.seq > before);
    expect(after.seq).toBeGreaterThan(before + 1);
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });

  it("skip-seq leaves a gap once on each connection", async () => {
    await boot(1000);
    const c = await client();
    await control.skipSeq(5);
    c.send({ type: "listAssets" });
    expect((await c.next((m) => m.type === "assetList")).seq).toBe(11);
    c.send({ type: "listAssets", reqId: "b" });
    expect((await c.next((m) => m.type === "assetList" && m.reqId === "b")).seq).toBe(12);
  });

  it("malformed sends frames that fail to parse or fail the schema, interleaved with normal traffic", async () => {
    await boot(1000);
    const c = await client();
    await control.malformed(2);
    expect((await control.state()).faults.malformed).toEqual({ mode: "count", remaining: 2 });
    for (const reqId of ["a", "b", "c"]) c.send({ type: "listAssets", reqId });
    await c.next((m) => m.type === "assetList" && m.reqId === "c");
    expect(c.invalid).toHaveLength(2);
    for (const raw of c.invalid) {
      const ok = (() => {
        try {
          return feedServerMessageSchema.safeParse(JSON.parse(raw)).success;
        } catch {
          return false;
        }
      })();
      expect(ok).toBe(false);
    }
    c.messages.forEach((m, i) => expect(m.seq).toBe(i + 1));
    const state = await control.state();
    expect(state.faults.malformed).toEqual({ mode: "off" });
    expect(state.counters.malformedSent).toBe(2);
  });

  it("a timed fault applies across a reconnect, then disarms itself", async () => {
    await boot(20);
    const c = await client();
    const armed = await control.malformed({ for: "400ms" });
    expect(armed.faults.malformed).toMatchObject({ mode: "for" });
    await c.next(() => c.invalid.length > 0);
    await control.drop();
    await c.closed;
    const d = await client();
    expect(d.invalid.length).toBeGreaterThan(0);
    await sleep(450);
    const after = await control.state();
    expect(after.faults.malformed).toEqual({ mode: "off" });
    const seen = d.invalid.length;
    await sleep(100);
    expect(d.invalid.length).toBe(seen);
    expect(after.counters.malformedSent).toBeGreaterThanOrEqual(2);
  });

  it("a counted refuse turns away the next n upgrades only", async () => {
    await boot();
    expect((await control.refuse({ count: 2 })).faults.refuse).toEqual({ mode: "count", remaining: 2 });
    await expect(connect(sim.feedUrl, FEED)).rejects.toEqual(new UpgradeRefused(503));
    await expect(connect(sim.feedUrl, FEED)).rejects.toEqual(new UpgradeRefused(503));
    await client();
    const state = await control.state();
    expect(state.faults.refuse).toEqual({ mode: "off" });
    expect(state.counters).toMatchObject({ upgradesRefused: 2, connectionsAccepted: 1 });
  });

  it("a timed drop closes the open connection and every one accepted in the window", async () => {
    await boot();
    const c = await client();
    await control.drop({ for: "10s" });
    expect(await c.closed).toBe(1012);
    const d = await connect(sim.feedUrl, FEED);
    clients.push(d);
    expect(await d.closed).toBe(1012);
    expect((await control.reset()).faults.drop).toEqual({ mode: "off" });
    await client();
  });

  it("refuses durations that are not strict, too long, or given with a count", async () => {
    await boot();
    for (const body of [
      { for: "3" },
      { for: "3 s" },
      { for: "1.5s" },
      { for: "11m" },
      { for: "601s" },
      { for: "0s" },
    ])
      await expect(
        fetch(`${sim.controlUrl}/malformed`, {
          method: "POST",
          headers: { authorization: `Bearer ${CONTROL}` },
          body: JSON.stringify(body),
        }).then(async (r) => [r.status, await r.json()]),
      ).resolves.toEqual([400, { error: expect.objectContaining({ field: "for" }) }]);
    await expect(control.blackhole({ for: "1s", count: 3 } as never)).rejects.toMatchObject({ status: 400 });
    await expect(control.flood(10, "61s")).rejects.toMatchObject({ status: 400 });
  });

  it("delay holds every outgoing message for ms, preserving order", async () => {
    await boot(1000);
    const c = await client();
    await control.delay(200);
    const t0 = Date.now();
    c.send({ type: "listAssets", reqId: "a" });
    c.send({ type: "subscribe", reqId: "s", assets: ["PETR4:B"] });
    await c.next((m) => m.type === "subscribed");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    c.messages.forEach((m, i) => expect(m.seq).toBe(i + 1));
    await control.delay(0);
  });

  it("connection-state announces a change, new connections inherit it, reset restores health", async () => {
    await boot(1000);
    const c = await client();
    await control.connectionState(2, 0);
    expect(await c.next((m) => m.type === "connectionState" && m.seq > 5)).toMatchObject({
      stateType: 2,
      result: 0,
    });
    const d = await client();
    expect(d.messages[3]).toMatchObject({ type: "connectionState", stateType: 2, result: 0 });
    await control.flood(5000, 1000);
    expect((await control.state()).rate).toBe(5000);
    const state = await control.reset();
    expect(state.rate).toBe(0);
    expect(await d.next((m) => m.type === "connectionState" && m.seq > 5)).toMatchObject({
      stateType: 2,
      result: 4,
    });
  });
});
