import { describe, expect, it, vi } from "vitest";
import { silentLogger } from "../lib/logger.ts";
import { DatabaseMonitor, type MonitorProbes } from "./monitor.ts";
import type { PrimaryProbe, ReplicaProbe } from "./probe.ts";

/** Probes answering what the test sets; `null` → that server refuses connections. */
function fakeProbes() {
  const state: { primary: PrimaryProbe | null; replica: ReplicaProbe | null } = {
    primary: { writable: true, lsn: 100n },
    replica: { inRecovery: true, replayLsn: 100n, replayAgeMs: 50 },
  };
  const refused = () => Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  const probes: MonitorProbes = {
    primary: vi.fn(async () => {
      if (!state.primary) throw refused();
      return state.primary;
    }),
    replica: vi.fn(async () => {
      if (!state.replica) throw refused();
      return state.replica;
    }),
  };
  return { state, probes };
}

function monitor(opts: { replica?: boolean; now?: () => number } = {}) {
  const { state, probes } = fakeProbes();
  const m = new DatabaseMonitor({
    backend: "postgres",
    primaryUrl: "postgres://primary",
    replicaUrl: opts.replica === false ? null : "postgres://replica",
    intervalMs: 1000,
    timeoutMs: 100,
    maxLagMs: 5000,
    logger: silentLogger,
    probes,
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { m, state, probes };
}

describe("DatabaseMonitor", () => {
  it("reads from the primary until the first probe, then from a caught-up replica", async () => {
    const { m } = monitor();
    expect(m.replicaServes()).toBe(false);
    expect(m.status().primary.up).toBeNull();
    await m.tick();
    expect(m.replicaServes()).toBe(true);
    expect(m.status()).toMatchObject({
      backend: "postgres",
      primary: { up: true, writable: true, error: null },
      replica: { up: true, lagMs: 0, serving: true, maxLagMs: 5000 },
    });
  });

  it("sends reads back to the primary while the replica lags past the bound, and to the replica once caught up", async () => {
    let now = 0;
    const { m, state } = monitor({ now: () => now });
    await m.tick();
    state.primary = { writable: true, lsn: 200n }; // a write the replica has not replayed
    now = 1000;
    await m.tick();
    expect(m.status().replica).toMatchObject({ lagMs: 0, serving: true }); // just written: not behind long
    now = 7000;
    await m.tick();
    expect(m.status().replica).toMatchObject({ lagMs: 6000, serving: false });
    state.replica = { inRecovery: true, replayLsn: 200n, replayAgeMs: 10 };
    await m.tick();
    expect(m.status().replica).toMatchObject({ lagMs: 0, serving: true });
  });

  it("falls back to the primary when the replica is down; reports the error", async () => {
    const { m, state } = monitor();
    state.replica = null;
    await m.tick();
    expect(m.replicaServes()).toBe(false);
    expect(m.status().replica).toMatchObject({ up: false, serving: false, error: "connect ECONNREFUSED" });
    expect(m.primaryWritable()).toBe(true);
  });

  it("primary down: not writable, reads from the replica whatever its lag (unknown)", async () => {
    const { m, state } = monitor();
    await m.tick();
    state.primary = null;
    await m.tick();
    expect(m.primaryWritable()).toBe(false);
    expect(m.status()).toMatchObject({
      primary: { up: false, error: "connect ECONNREFUSED" },
      replica: { up: true, lagMs: null, serving: true },
    });
  });

  it("a primary that is a standby (in recovery) is up but not writable", async () => {
    const { m, state } = monitor({ replica: false });
    state.primary = { writable: false, lsn: null };
    await m.tick();
    expect(m.status()).toMatchObject({ primary: { up: true, writable: false }, replica: null });
    expect(m.primaryWritable()).toBe(false);
  });

  it("a replica that is not a standby (promoted) serves no reads", async () => {
    const { m, state } = monitor();
    state.replica = { inRecovery: false, replayLsn: null, replayAgeMs: null };
    await m.tick();
    expect(m.status().replica).toMatchObject({
      up: true,
      serving: false,
      error: expect.stringMatching(/not a standby/),
    });
  });

  it("markDown routes around a server at once and tells listeners; the next probe restores it", async () => {
    const { m } = monitor();
    await m.tick();
    const seen = vi.fn();
    m.onChange(seen);
    m.markDown("replica", new Error("socket hang up"));
    expect(m.replicaServes()).toBe(false);
    expect(seen).toHaveBeenCalledTimes(1);
    m.markDown("primary", new Error("Connection terminated"));
    expect(m.primaryWritable()).toBe(false);
    await m.tick();
    expect(m.primaryWritable()).toBe(true);
    expect(m.replicaServes()).toBe(true);
    expect(seen).toHaveBeenCalledTimes(3);
  });

  it("a fence keeps reads on the primary until the replica replayed the primary's position after it", async () => {
    const { m, state } = monitor();
    await m.tick();
    m.fenceReplica(); // e.g. a migration just ran
    expect(m.replicaServes()).toBe(false);
    state.primary = { writable: true, lsn: 300n };
    await m.tick(); // replica still at 100
    expect(m.replicaServes()).toBe(false);
    state.replica = { inRecovery: true, replayLsn: 300n, replayAgeMs: 5 };
    await m.tick();
    expect(m.replicaServes()).toBe(true);
  });

  it("a fence does not keep reads off the replica while the primary is down", async () => {
    const { m, state } = monitor();
    await m.tick();
    m.fenceReplica();
    state.primary = null;
    await m.tick();
    expect(m.replicaServes()).toBe(true);
  });

  it("joins a round still running instead of starting a second one", async () => {
    const { m, probes } = monitor();
    await Promise.all([m.tick(), m.tick()]);
    expect(probes.primary).toHaveBeenCalledTimes(1);
  });

  it("PGlite (no URL): the primary is up and writable without any probe", async () => {
    const m = new DatabaseMonitor({
      backend: "pglite",
      primaryUrl: null,
      replicaUrl: null,
      intervalMs: 1000,
      timeoutMs: 100,
      maxLagMs: 5000,
      logger: silentLogger,
    });
    m.start(); // nothing to probe: no timer
    expect(m.status()).toMatchObject({
      backend: "pglite",
      primary: { up: true, writable: true },
      replica: null,
    });
    m.stop();
  });
});
