import { beforeEach, describe, expect, it, vi } from "vitest";
import { useSessionEndStore } from "../lib/session-end-store.ts";
import { socketErrorText } from "../i18n/socket-error-text.ts";
import { useConnectionStore } from "./connection-store.ts";

/** A socket.io client stand-in: records handlers so the test can play the server. */
function fakeSocket() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  return {
    handlers,
    connect: vi.fn(),
    disconnect: vi.fn(),
    on: (event: string, fn: (...args: unknown[]) => void) => handlers.set(event, fn),
    off: (event: string) => handlers.delete(event),
    removeAllListeners: vi.fn(),
    timeout: () => ({ emitWithAck: vi.fn(() => new Promise(() => undefined)) }),
    io: { on: vi.fn(), removeAllListeners: vi.fn() },
    fire: (event: string, ...args: unknown[]) => handlers.get(event)?.(...args),
  };
}
let socket = fakeSocket();
vi.mock("socket.io-client", () => ({ io: () => socket }));

const { startStream, handshakeErrorCode } = await import("./socket-client.ts");

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
