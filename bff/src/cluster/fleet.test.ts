import { describe, expect, it } from "vitest";
import type { FleetMember } from "@pregao/contracts";
import type { ClusterBus } from "./bus.ts";
import type { ClusterMessage } from "./messages.ts";
import { Fleet } from "./fleet.ts";

/** Buses joined like instances on one Redis: a publish reaches every other bus, never the sender. */
function joinedBuses(n: number): ClusterBus[] {
  const handlers = Array.from({ length: n }, () => new Set<(m: ClusterMessage) => void>());
  return handlers.map((own, i) => ({
    clustered: true,
    rejected: 0,
    publish: (m) => handlers.forEach((hs, j) => j !== i && hs.forEach((h) => h(m))),
    subscribe: (h) => {
      own.add(h);
      return { dispose: () => void own.delete(h) };
    },
  }));
}

const member = (instanceId: string, over: Partial<FleetMember> = {}): FleetMember => ({
  instanceId,
  at: 1000,
  status: "pass",
  draining: false,
  feedLink: { state: "live", since: 0 },
  feedMsgsPerS: 100,
  connected: { sockets: 3, sessions: 2, traders: 1 },
  emitP99Ms: 5,
  ...over,
});

describe("Fleet", () => {
  it("shows this instance first, then the peers that published, with totals over all of them", () => {
    let now = 0;
    const [busA, busB, busC] = joinedBuses(3);
    const a = new Fleet({ bus: busA!, member: () => member("a"), publishMs: 1000, now: () => now });
    const b = new Fleet({
      bus: busB!,
      member: () => member("b", { draining: true, status: "fail" }),
      publishMs: 1000,
    });
    const c = new Fleet({
      bus: busC!,
      member: () => member("c", { connected: { sockets: 10, sessions: 4, traders: 3 } }),
      publishMs: 1000,
    });
    b.publish();
    c.publish();
    const view = a.view(member("a"));
    expect(view.members.map((m) => m.instanceId)).toEqual(["a", "b", "c"]);
    expect(view.totals).toEqual({
      instances: 3,
      ready: 2,
      sockets: 16,
      sessions: 8,
      traders: 5,
      feedMsgsPerS: 300,
    });
    // A peer silent for 3 intervals (and at least 5 s) drops out: its sockets are gone with it.
    now = 5_001;
    expect(a.view(member("a")).members.map((m) => m.instanceId)).toEqual(["a"]);
    for (const f of [a, b, c]) f.dispose();
  });

  it("alone (no Redis) the fleet is this instance, and nothing is published", () => {
    const published: ClusterMessage[] = [];
    const bus: ClusterBus = {
      clustered: false,
      rejected: 0,
      publish: (m) => void published.push(m),
      subscribe: () => ({ dispose: () => undefined }),
    };
    const fleet = new Fleet({ bus, member: () => member("solo"), publishMs: 10 });
    expect(fleet.view(member("solo")).totals.instances).toBe(1);
    fleet.dispose();
    expect(published).toEqual([]);
  });

  it("a peer's newer summary replaces its older one (one row per instance)", () => {
    const [busA, busB] = joinedBuses(2);
    let sockets = 1;
    const a = new Fleet({ bus: busA!, member: () => member("a"), publishMs: 1000 });
    const b = new Fleet({
      bus: busB!,
      member: () => member("b", { connected: { sockets, sessions: 1, traders: 1 } }),
      publishMs: 1000,
    });
    b.publish();
    sockets = 7;
    b.publish();
    const view = a.view(member("a"));
    expect(view.members).toHaveLength(2);
    expect(view.members[1]!.connected.sockets).toBe(7);
    a.dispose();
    b.dispose();
  });
});
