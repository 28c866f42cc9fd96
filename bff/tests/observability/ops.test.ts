import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { opsSubscribeResultSchema, opsUpdateSchema, pingResultSchema } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import { call, connect, next, startTestBff, until } from "../helpers/clients.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";

describe("ops stream and connection:ping over socket.io", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  beforeAll(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t", {
      OPS_PUSH_MS: 100,
      OPS_SAMPLE_MS: 200,
      READY_MAX_FEED_AGE_MS: 60_000,
    });
    await until(() => bff.feed.catalog.known);
  });
  afterAll(async () => {
    await bff.close();
    await feed.close();
  });

  it("builds nothing while nobody watches; a risk user gets a valid snapshot + history, then ops:updated", async () => {
    const update = vi.spyOn(bff.ops, "update");
    await new Promise((r) => setTimeout(r, 350));
    expect(update).not.toHaveBeenCalled(); // empty room: no snapshot built
    const trader = await connect(bff.url, { as: "trader" });
    const risk = await connect(bff.url, { as: "risk" });
    try {
      const ack = await call(risk, "ops:subscribe", {});
      expect(ack.ok).toBe(true);
      const result = opsSubscribeResultSchema.parse(ack.data);
      expect(result.history.length).toBeGreaterThan(0);
      expect(result.snapshot.connected).toEqual({ sockets: 2, sessions: 2, traders: 1 });
      expect(result.snapshot.checks.map((c) => c.name)).toEqual(
        expect.arrayContaining(["feed", "order-manager", "risk", "order-stream", "session-store"]),
      );
      const pushed = opsUpdateSchema.parse(await next(risk, "ops:updated"));
      expect(pushed.snapshot.feed.link.state).toBeDefined();
      await until(() => update.mock.calls.length >= 2);
      expect((await call(trader, "ops:subscribe", {})).error.code).toBe("FORBIDDEN");

      expect((await call(risk, "ops:unsubscribe", {})).data).toEqual({ subscribed: false });
      const calls = update.mock.calls.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(update.mock.calls.length).toBe(calls); // the room is empty again
    } finally {
      update.mockRestore();
      trader.disconnect();
      risk.disconnect();
    }
  });

  it("validates ops payloads", async () => {
    const risk = await connect(bff.url, { as: "risk" });
    try {
      expect(await call(risk, "ops:subscribe", "nope")).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED" },
      });
      expect(await call(risk, "ops:unsubscribe", [])).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED" },
      });
    } finally {
      risk.disconnect();
    }
  });

  it("answers connection:ping with the server clock; a wrong payload is VALIDATION_FAILED", async () => {
    const viewer = await connect(bff.url, { as: "viewer" });
    try {
      const before = Date.now();
      const ack = await call(viewer, "connection:ping", {});
      expect(ack.ok).toBe(true);
      const { serverTime } = pingResultSchema.parse(ack.data);
      expect(serverTime).toBeGreaterThanOrEqual(before);
      expect(serverTime).toBeLessThanOrEqual(Date.now());
      expect(await call(viewer, "connection:ping", 42)).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED" },
      });
      expect(await call(viewer, "connection:ping")).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED" },
      });
    } finally {
      viewer.disconnect();
    }
  });
});
