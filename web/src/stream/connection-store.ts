import { create } from "zustand";

/** The browser ↔ BFF socket, as opposed to the BFF ↔ feed link (feed-status-store). */
export type SocketState = "connecting" | "connected" | "disconnected";

interface ConnectionState {
  state: SocketState;
  /** Local epoch ms of the last transition. */
  since: number;
  /** Reconnection attempts since the last successful connect. */
  attempt: number;
  lastError: string | null;
  connecting(now?: number): void;
  connected(now?: number): void;
  disconnected(reason: string, now?: number): void;
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
      lastError: reason,
    })),
  reconnecting: (attempt) => set({ attempt }),
}));
