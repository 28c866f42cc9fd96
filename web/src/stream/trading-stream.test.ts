import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookView, KillSwitchState, Order, TradeBatch } from "@pregao/contracts";
import { useBookStore } from "./book-store.ts";
import { useKillSwitchStore } from "./kill-switch-store.ts";
import { useOrdersStore } from "./orders-store.ts";
import type { AppSocket } from "./socket-client.ts";
import { useTapeStore } from "./tape-store.ts";
import { attachTradingStream, bookSubscriptions, tradeSubscriptions } from "./trading-stream.ts";

type Handler = (...args: never[]) => void;

/** The slice of a socket.io client the stream uses: handlers by event, acked emits recorded, `connected`. */
class FakeSocket {
  connected = false;
  readonly handlers = new Map<string, Handler[]>();
  readonly emits: { event: string; payload: unknown }[] = [];
  ack: (event: string, payload: { assets: string[] }) => unknown = () => ({ ok: true, data: { assets: [] } });

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: { assets: string[] }) => {
        this.emits.push({ event, payload });
        return Promise.resolve(this.ack(event, payload));
      },
    };
  }
  fire(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
}

const book = (asset: string, exchangeTs = 1): BookView => ({
  asset,
  bids: [{ price: 9.99, quantity: 100, count: 1 }],
  asks: [],
  exchangeTs,
  syncId: 1,
});
const print = (n: number) => ({
  tradeNumber: n,
  price: 10,
  quantity: 100,
  volume: 1000,
  buyAgent: 1,
  sellAgent: 2,
  tradeType: 2,
  edit: false,
  ts: n,
});
const batch = (asset: string, ...numbers: number[]): TradeBatch => ({ asset, trades: numbers.map(print) });
const order = (orderId: string, status: Order["status"], updatedAt: number) =>
  ({ orderId, status, updatedAt, filledQuantity: 0 }) as Order;

let socket: FakeSocket;
let detach: () => void;
const releases: (() => void)[] = [];
const flushMicrotasks = () => new Promise<void>((r) => queueMicrotask(r)).then(() => undefined);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["requestAnimationFrame", "cancelAnimationFrame"] });
  useBookStore.setState({ books: new Map() });
  useTapeStore.setState({ tapes: new Map() });
  useOrdersStore.getState().clear();
  useKillSwitchStore.setState({ state: null });
  socket = new FakeSocket();
  detach = attachTradingStream(socket as unknown as AppSocket);
});
afterEach(() => {
  detach();
  for (const r of releases.splice(0)) r();
  vi.useRealTimers();
});

describe("attachTradingStream", () => {
  it("applies a kill switch at once (no frame wait) and ignores one that fails validation", () => {
    const halted: KillSwitchState = {
      active: true,
      reason: "fat finger",
      activatedAt: 5,
      activatedBy: "risk",
    };
    socket.fire("risk:kill-switch", halted);
    expect(useKillSwitchStore.getState().state).toEqual(halted);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    socket.fire("risk:kill-switch", { active: "no" });
    expect(warn).toHaveBeenCalledOnce();
    expect(useKillSwitchStore.getState().state).toEqual(halted);
    warn.mockRestore();
  });

  it("batches order updates per animation frame, latest per order", () => {
    socket.fire("orders:updated", [order("1", "SUBMITTED", 1), order("2", "SUBMITTED", 1)]);
    socket.fire("orders:updated", [order("1", "FILLED", 2)]);
    expect(useOrdersStore.getState().orders.size).toBe(0);
    vi.advanceTimersToNextFrame();
    const orders = useOrdersStore.getState().orders;
    expect([orders.get("1")?.status, orders.get("2")?.status]).toEqual(["FILLED", "SUBMITTED"]);
  });

  it("subscribes the held books on connect, applies the ack's snapshot, and re-subscribes after a reconnect", async () => {
    releases.push(bookSubscriptions.retain("PETR4:B"));
    expect(socket.emits).toEqual([]); // not connected yet: nothing to send to
    socket.ack = (_e, p) => ({ ok: true, data: { books: p.assets.map((a) => book(a)) } });
    socket.connected = true;
    socket.fire("connect");
    expect(socket.emits).toEqual([{ event: "book:subscribe", payload: { assets: ["PETR4:B"] } }]);
    await flushMicrotasks();
    vi.advanceTimersToNextFrame();
    expect(useBookStore.getState().books.get("PETR4:B")?.bids[0]?.price).toBe(9.99);

    socket.fire("disconnect");
    releases.push(bookSubscriptions.retain("VALE3:B"));
    expect(socket.emits).toHaveLength(1); // held while away, sent on the next connect
    socket.fire("connect");
    expect(socket.emits.at(-1)).toEqual({
      event: "book:subscribe",
      payload: { assets: ["PETR4:B", "VALE3:B"] },
    });
  });

  it("applies live book updates per frame", () => {
    socket.fire("book:updated", [book("PETR4:B", 1), book("PETR4:B", 2)]);
    expect(useBookStore.getState().books.size).toBe(0);
    vi.advanceTimersToNextFrame();
    expect(useBookStore.getState().books.get("PETR4:B")?.exchangeTs).toBe(2);
  });

  it("a tape snapshot for an asset no panel holds is ignored; for a held one, earlier live prints apply first", () => {
    socket.fire("trades:snapshot", { ...batch("ITUB4:B", 1, 2), history: "complete" });
    expect(useTapeStore.getState().tapes.has("ITUB4:B")).toBe(false);

    socket.connected = true;
    socket.fire("connect");
    releases.push(tradeSubscriptions.retain("PETR4:B"));
    expect(socket.emits.at(-1)).toEqual({ event: "trades:subscribe", payload: { assets: ["PETR4:B"] } });
    socket.fire("trades:added", [batch("PETR4:B", 9, 10)]);
    socket.fire("trades:snapshot", { ...batch("PETR4:B", 7, 8, 9), history: "complete" });
    // No frame needed: the queued live prints flushed before the snapshot replaced them (no gap, no duplicate).
    expect(
      useTapeStore
        .getState()
        .tapes.get("PETR4:B")
        ?.map((p) => p.tradeNumber),
    ).toEqual([10, 9, 8, 7]);
  });

  it("on detach, updates still waiting for a frame are dropped", () => {
    socket.fire("orders:updated", [order("1", "SUBMITTED", 1)]);
    detach();
    vi.advanceTimersToNextFrame();
    expect(useOrdersStore.getState().orders.size).toBe(0);
    detach = () => undefined;
  });
});
