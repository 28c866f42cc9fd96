import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attachOpsStream, retainOps } from "./ops-stream.ts";
import { OPS_HISTORY_MS, useOpsStore } from "./ops-store.ts";
import type { AppSocket } from "./socket-client.ts";
import { fakeHistory, fakeSnapshot } from "./test-ops.ts";

type Listener = (arg?: unknown) => void;

function fakeSocket(answer: () => unknown) {
  const listeners = new Map<string, Set<Listener>>();
  const socket = {
    connected: false,
    sent: [] as string[],
    on(e: string, l: Listener) {
      if (!listeners.has(e)) listeners.set(e, new Set());
      listeners.get(e)!.add(l);
    },
    off(e: string, l: Listener) {
      listeners.get(e)?.delete(l);
    },
    fire(e: string, arg?: unknown) {
      if (e === "connect") socket.connected = true;
      if (e === "disconnect") socket.connected = false;
      for (const l of listeners.get(e) ?? []) l(arg);
    },
    timeout: () => ({
      emitWithAck: (event: string) => {
        socket.sent.push(event);
        return Promise.resolve(
          event === "ops:subscribe" ? answer() : { ok: true, data: { subscribed: false } },
        );
      },
    }),
  };
  return socket;
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const T = 1_700_000_000_000;
let detach: () => void = () => undefined;

beforeEach(() => useOpsStore.getState().clear());
afterEach(() => detach());

describe("ops stream", () => {
  it("subscribes only while held, re-subscribes after a reconnect, unsubscribes on the last release", async () => {
    const socket = fakeSocket(() => ({
      ok: true,
      data: { snapshot: fakeSnapshot(T), history: fakeHistory(T, 3) },
    }));
    detach = attachOpsStream(socket as unknown as AppSocket);
    socket.fire("connect");
    expect(socket.sent).toEqual([]);
    const release = retainOps();
    const second = retainOps();
    await flush();
    expect(socket.sent).toEqual(["ops:subscribe"]);
    expect(useOpsStore.getState().snapshot?.at).toBe(T);
    expect(useOpsStore.getState().history).toHaveLength(3);
    socket.fire("disconnect");
    socket.fire("connect");
    await flush();
    expect(socket.sent).toEqual(["ops:subscribe", "ops:subscribe"]);
    release();
    expect(socket.sent).toHaveLength(2);
    second();
    expect(socket.sent.at(-1)).toBe("ops:unsubscribe");
    expect(useOpsStore.getState().snapshot).toBeNull();
  });

  it("applies valid ops:updated pushes (appending new samples), ignores invalid ones", async () => {
    const socket = fakeSocket(() => ({
      ok: true,
      data: { snapshot: fakeSnapshot(T), history: fakeHistory(T, 2) },
    }));
    detach = attachOpsStream(socket as unknown as AppSocket);
    socket.fire("connect");
    const release = retainOps();
    await flush();
    const [newer] = fakeHistory(T + 5000, 1);
    socket.fire("ops:updated", { snapshot: fakeSnapshot(T + 1000), sample: null });
    socket.fire("ops:updated", { snapshot: fakeSnapshot(T + 5000), sample: newer });
    socket.fire("ops:updated", { snapshot: fakeSnapshot(T + 5000), sample: newer }); // duplicate: kept once
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    socket.fire("ops:updated", { snapshot: { at: "nope" }, sample: null });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(useOpsStore.getState().snapshot?.at).toBe(T + 5000);
    expect(useOpsStore.getState().history.map((s) => s.at)).toEqual([T - 5000, T, T + 5000]);
    release();
  });

  it("shows a refused subscribe (trader: FORBIDDEN) as the store's error", async () => {
    const socket = fakeSocket(() => ({
      ok: false,
      error: { code: "FORBIDDEN", message: "missing ops:read" },
    }));
    detach = attachOpsStream(socket as unknown as AppSocket);
    socket.fire("connect");
    const release = retainOps();
    await flush();
    expect(useOpsStore.getState().error).toEqual({ code: "FORBIDDEN", message: "missing ops:read" });
    expect(useOpsStore.getState().snapshot).toBeNull();
    release();
  });
});

describe("ops store", () => {
  it("keeps 15 minutes of history", () => {
    const history = fakeHistory(T, 200); // 1000 s > 15 min
    useOpsStore.getState().subscribed({ snapshot: fakeSnapshot(T), history });
    const kept = useOpsStore.getState().history;
    expect(kept.at(-1)?.at).toBe(T);
    expect(kept[0]!.at).toBeGreaterThan(T - OPS_HISTORY_MS);
    expect(kept.length).toBe(180);
  });
});
