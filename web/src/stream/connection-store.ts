import { create } from "zustand";

/** The browser ↔ BFF socket, as opposed to the BFF ↔ feed link (feed-status-store). */
export type SocketState = "connecting" | "connected" | "disconnected";

/**
 * Why the socket is down, as a code the UI words in the user's language (i18n/socket-error-text.ts); `transport` is
 * socket.io's own reason ("transport close", "ping timeout"), technical and shown as it is.
 */
export type SocketError =
  | { reason: "loggedOut" | "sessionEnded" | "originRejected" | "tooManySockets" }
  | { reason: "rateLimited"; retryAfter?: number | undefined }
  | { reason: "transport"; message: string };

interface ConnectionState {
  state: SocketState;
  /** Local epoch ms of the last transition. */
  since: number;
  /** Reconnection attempts since the last successful connect. */
  attempt: number;
  lastError: SocketError | null;
  connecting(now?: number): void;
  connected(now?: number): void;
  /** A string is a transport reason from socket.io. */
  disconnected(reason: SocketError | string, now?: number): void;
  reconnecting(attempt: number): void;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  state: "connecting",
  since: Date.now(),
  attempt: 0,
  lastError: null,
  connecting: (now = Date.now()) => set({ state: "connecting", since: now, attempt: 0 }),
  connected: (now = Date.now()) => set({ state: "connected", since: now, attempt: 0, lastError: null }),
  disconnected: (reason, now = Date.now()) =>
    set((s) => ({
      state: "disconnected",
      since: s.state === "disconnected" ? s.since : now,
      lastError: typeof reason === "string" ? { reason: "transport", message: reason } : reason,
    })),
  reconnecting: (attempt) => set({ attempt }),
}));
