import { beforeEach, describe, expect, it, vi } from "vitest";
import { useSessionEndStore } from "../lib/session-end-store.ts";
import { socketErrorText } from "../i18n/socket-error-text.ts";
import { useConnectionStore } from "./connection-store.ts";
import { describeFeed } from "./feed-view.ts";

/** A socket.io client stand-in: records handlers (several per event, as socket.io) so the test can play the server. */
function fakeSocket() {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const emitWithAck = vi.fn((..._args: unknown[]) => new Promise(() => undefined));
  return {
    handlers,
    connected: false,
    recovered: false,
    connect: vi.fn(),
    disconnect: vi.fn(),
    on: (event: string, fn: (...args: unknown[]) => void) => {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set.add(fn));
    },
    off: (event: string, fn?: (...args: unknown[]) => void) =>
      fn ? handlers.get(event)?.delete(fn) : handlers.delete(event),
    removeAllListeners: vi.fn(),
    emitWithAck,
    timeout: () => ({ emitWithAck }),
    io: { on: vi.fn(), removeAllListeners: vi.fn(), engine: { close: vi.fn() } },
    fire: (event: string, ...args: unknown[]) => {
      for (const fn of [...(handlers.get(event) ?? [])]) fn(...args);
    },
  };
}
let socket = fakeSocket();
const ioOptions = vi.fn();
vi.mock("socket.io-client", () => ({
  io: (opts: unknown) => {
    ioOptions(opts);
    return socket;
  },
}));

const { startStream, handshakeErrorCode, quoteSubscriptions } = await import("./socket-client.ts");

/** The socket was asked for `asset`'s quotes (subscriptions are coalesced per microtask). */
const subscribed = (asset: string) =>
  vi.waitFor(() => expect(socket.emitWithAck).toHaveBeenCalledWith("quotes:subscribe", { assets: [asset] }));

/**
 * What the header's feed indicator says now, with the last `feed:status` saying the upstream is live and fresh: while
 * the socket is away its kind must not be "live" (rows, book, tape and ticket grey out by it).
 */
const feedView = () => {
  const now = Date.now();
  return describeFeed({
    socket: useConnectionStore.getState().state,
    status: {
      link: { state: "live", since: now - 60_000 },
      breaker: { state: "closed", since: 0, lastError: null },
      profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
      lastMessageAt: now,
      serverTime: now,
      staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
    },
    lastMessageAt: now,
    skewMs: 0,
    expectingMessages: true,
    now,
  });
};

beforeEach(() => {
  socket = fakeSocket();
  useSessionEndStore.getState().clear();
});

describe("socket session handling", () => {
  it("stops for good and ends the session when the handshake is refused for want of a session", () => {
    const stop = startStream();
    socket.fire(
      "connect_error",
      Object.assign(new Error("unauthorized"), { data: { code: "SESSION_EXPIRED" } }),
    );
    expect(socket.disconnect).toHaveBeenCalled();
    expect(useSessionEndStore.getState().cause).toBe("SESSION_EXPIRED");
    expect(useConnectionStore.getState().state).toBe("disconnected");
    stop();
  });

  it("keeps retrying an ordinary connect error", () => {
    const stop = startStream();
    socket.fire("connect_error", new Error("xhr poll error"));
    expect(socket.disconnect).not.toHaveBeenCalled();
    expect(useSessionEndStore.getState().cause).toBeNull();
    stop();
  });

  it("keeps a refused handshake's RATE_LIMITED retry seconds for the connection panel to word", () => {
    vi.useFakeTimers();
    try {
      const stop = startStream();
      socket.fire(
        "connect_error",
        Object.assign(new Error("too many refused connections; retry in 7 s"), {
          data: { code: "RATE_LIMITED", details: { retryAfter: 7 } },
        }),
      );
      const lastError = useConnectionStore.getState().lastError;
      expect(lastError).toEqual({ reason: "rateLimited", retryAfter: 7 });
      expect(socketErrorText(lastError!)).toBe(
        "Too many connection attempts from this address (retrying; allowed again in 7 s)",
      );
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("retries a handshake refused for a socket cap by itself, later, and says why", () => {
    vi.useFakeTimers();
    try {
      const stop = startStream();
      socket.connect.mockClear();
      socket.fire(
        "connect_error",
        Object.assign(new Error("too many sockets"), { data: { code: "TOO_MANY_SOCKETS" } }),
      );
      expect(useConnectionStore.getState().lastError).toEqual({ reason: "tooManySockets" });
      expect(useSessionEndStore.getState().cause).toBeNull();
      vi.advanceTimersByTime(14_999);
      expect(socket.connect).not.toHaveBeenCalled();
      vi.advanceTimersByTime(15_001);
      expect(socket.connect).toHaveBeenCalledTimes(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("on session:ended disconnects, reports the reason and does not reconnect after the server closes", () => {
    const stop = startStream();
    socket.fire("connect");
    socket.fire("session:ended", { reason: "LOGGED_OUT" });
    expect(socket.disconnect).toHaveBeenCalledTimes(1);
    expect(useSessionEndStore.getState().cause).toBe("LOGGED_OUT");
    socket.connect.mockClear();
    socket.fire("disconnect", "io server disconnect");
    expect(socket.connect).not.toHaveBeenCalled();
    expect(useConnectionStore.getState().state).toBe("disconnected");
    stop();
  });

  it("reads the code a server middleware attached to a refused handshake", () => {
    expect(handshakeErrorCode({ data: { code: "ORIGIN_REJECTED" } })).toBe("ORIGIN_REJECTED");
    expect(handshakeErrorCode(new Error("x"))).toBeUndefined();
    expect(handshakeErrorCode(null)).toBeUndefined();
  });
});

describe("transport and reconnects", () => {
  it("tries the WebSocket first and falls back to long-polling, with jittered backoff from 500 ms to 5 s", () => {
    const stop = startStream();
    expect(ioOptions).toHaveBeenLastCalledWith(
      expect.objectContaining({
        transports: ["websocket", "polling"],
        tryAllTransports: true,
        withCredentials: true,
        reconnectionDelay: 500,
        reconnectionDelayMax: 5000,
        randomizationFactor: 0.5,
      }),
    );
    stop();
  });

  it("after a drop says Reconnecting, then Reconnected with how long it was away, re-subscribing market data", async () => {
    const onMissedEvents = vi.fn();
    const stop = startStream({ onMissedEvents });
    const release = quoteSubscriptions.retain(["PETR4:B"]);
    socket.fire("connect");
    expect(onMissedEvents).not.toHaveBeenCalled(); // the first connect: the REST seeds are fresh
    await subscribed("PETR4:B");
    socket.emitWithAck.mockClear();

    vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    socket.fire("disconnect", "transport close");
    expect(useConnectionStore.getState().state).toBe("reconnecting");
    expect(feedView()).toMatchObject({ kind: "disconnected", label: "Reconnecting…" });
    socket.fire("connect_error", new Error("websocket error")); // a failed attempt: still coming back
    expect(useConnectionStore.getState().state).toBe("reconnecting");

    vi.spyOn(Date, "now").mockReturnValue(1_012_000);
    socket.fire("connect");
    vi.restoreAllMocks();
    expect(useConnectionStore.getState()).toMatchObject({
      state: "connected",
      lastReconnection: { at: 1_012_000, awayMs: 12_000, recovered: false },
    });
    // Not recovered: what the socket pushed while away is gone, so REST state is re-fetched; quotes re-subscribed.
    expect(feedView().kind).toBe("live");
    expect(onMissedEvents).toHaveBeenCalledTimes(1);
    await subscribed("PETR4:B");
    release();
    stop();
  });

  it("after a recovered reconnect re-subscribes market data but re-fetches nothing (missed events are replayed)", async () => {
    const onMissedEvents = vi.fn();
    const stop = startStream({ onMissedEvents });
    const release = quoteSubscriptions.retain(["VALE3:B"]);
    socket.fire("connect");
    socket.fire("disconnect", "ping timeout");
    socket.emitWithAck.mockClear();
    socket.recovered = true;
    socket.fire("connect");
    expect(onMissedEvents).not.toHaveBeenCalled();
    expect(useConnectionStore.getState().lastReconnection?.recovered).toBe(true);
    await subscribed("VALE3:B");
    release();
    stop();
  });
});

describe("a server-side disconnect", () => {
  it("is retried by itself after a random moment within 2 s (a drain's stragglers do not come back together)", () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    try {
      const stop = startStream();
      socket.fire("connect");
      socket.connect.mockClear();
      socket.fire("disconnect", "io server disconnect");
      expect(useConnectionStore.getState().state).toBe("reconnecting");
      vi.advanceTimersByTime(999);
      expect(socket.connect).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(socket.connect).toHaveBeenCalledTimes(1);
      stop();
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });
});

describe("server:draining", () => {
  it("closes the transport after the server's delay, so socket.io reconnects (to another instance)", () => {
    vi.useFakeTimers();
    try {
      const stop = startStream();
      socket.connected = true;
      socket.fire("connect");
      socket.fire("server:draining", { reconnectInMs: 3000 });
      socket.fire("server:draining", { reconnectInMs: 100 }); // a repeat does not move the time
      vi.advanceTimersByTime(2999);
      expect(socket.io.engine.close).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(socket.io.engine.close).toHaveBeenCalledTimes(1);
      expect(socket.disconnect).not.toHaveBeenCalled(); // a client disconnect would forfeit state recovery
      socket.fire("disconnect", "transport close");
      expect(feedView()).toMatchObject({ kind: "disconnected", label: "Reconnecting…" });
      socket.fire("connect");
      expect(useConnectionStore.getState().state).toBe("connected");
      expect(useConnectionStore.getState().lastReconnection).not.toBeNull();
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("ignores a delay outside 0..10 s, and a drop before the time cancels it", () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const stop = startStream();
      socket.connected = true;
      socket.fire("connect");
      socket.fire("server:draining", { reconnectInMs: 60_000 });
      expect(warn).toHaveBeenCalled();
      socket.fire("server:draining", { reconnectInMs: 2000 });
      socket.fire("disconnect", "io server disconnect");
      vi.advanceTimersByTime(10_000);
      expect(socket.io.engine.close).not.toHaveBeenCalled();
      stop();
    } finally {
      warn.mockRestore();
      vi.useRealTimers();
    }
  });
});
