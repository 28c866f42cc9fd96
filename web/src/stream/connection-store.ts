import { create } from "zustand";

/**
 * The browser ↔ BFF socket, as opposed to the BFF ↔ feed link (feed-status-store). `reconnecting`: it was connected,
 * dropped, and is coming back by itself (socket.io's backoff, or a draining server's hint); `disconnected`: never
 * connected yet, or stopped for a reason the UI words (session ended, origin rejected, a cap).
 */
export type SocketState = "connecting" | "connected" | "reconnecting" | "disconnected";

/**
 * Why the socket is down, as a code the UI words in the user's language (i18n/socket-error-text.ts); `transport` is
 * socket.io's own reason ("transport close", "ping timeout"), technical and shown as it is.
 */
export type SocketError =
  | { reason: "loggedOut" | "sessionEnded" | "originRejected" | "tooManySockets" }
  | { reason: "rateLimited"; retryAfter?: number | undefined }
  | { reason: "transport"; message: string };

/** The last time a dropped connection came back (the status strip says "Reconnected" for a few seconds). */
export interface Reconnection {
  /** Local epoch ms of the reconnect. */
  at: number;
  /** How long the socket was away (ms), from the drop to the reconnect. */
  awayMs: number;
  /** The server restored the session (rooms and missed events); otherwise REST-backed state was re-fetched. */
  recovered: boolean;
}

interface ConnectionState {
  state: SocketState;
  /** Local epoch ms of the last transition. */
  since: number;
  /** Reconnection attempts since the last successful connect. */
  attempt: number;
  lastError: SocketError | null;
  /** Local epoch ms at which a connected socket dropped; null while connected or before the first connect. */
  droppedAt: number | null;
  lastReconnection: Reconnection | null;
  connecting(now?: number): void;
  connected(opts?: { recovered?: boolean; now?: number }): void;
  /** A connected socket dropped for a transport reason and will come back by itself. */
  lost(reason: string, now?: number): void;
  /**
   * A string is a transport reason from socket.io (while reconnecting that keeps the state: it is still coming back);
   * a `SocketError` is a stop the UI words.
   */
  disconnected(reason: SocketError | string, now?: number): void;
  reconnecting(attempt: number): void;
}

const transport = (message: string): SocketError => ({ reason: "transport", message });

export const useConnectionStore = create<ConnectionState>()((set) => ({
  state: "connecting",
  since: Date.now(),
  attempt: 0,
  lastError: null,
  droppedAt: null,
  lastReconnection: null,
  connecting: (now = Date.now()) =>
    set({ state: "connecting", since: now, attempt: 0, droppedAt: null, lastReconnection: null }),
  connected: ({ recovered = false, now = Date.now() } = {}) =>
    set((s) => ({
      state: "connected",
      since: now,
      attempt: 0,
      lastError: null,
      droppedAt: null,
      lastReconnection:
        s.droppedAt === null ? s.lastReconnection : { at: now, awayMs: now - s.droppedAt, recovered },
    })),
  lost: (reason, now = Date.now()) =>
    set((s) => ({
      state: "reconnecting",
      since: s.state === "reconnecting" ? s.since : now,
      lastError: transport(reason),
      droppedAt: s.droppedAt ?? now,
    })),
  disconnected: (reason, now = Date.now()) =>
    set((s) => {
      const lastError = typeof reason === "string" ? transport(reason) : reason;
      if (s.state === "reconnecting" && typeof reason === "string") return { lastError };
      return {
        state: "disconnected",
        since: s.state === "disconnected" ? s.since : now,
        lastError,
        droppedAt: s.droppedAt ?? (s.state === "connected" ? now : null),
      };
    }),
  reconnecting: (attempt) => set({ attempt }),
}));
