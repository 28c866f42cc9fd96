import { create } from "zustand";
import type { ErrorBody, OpsSample, OpsSnapshot, OpsSubscribeResult, OpsUpdate } from "@pregao/contracts";

/** The server's refusal, or the client's own code when the answer was malformed or never came. */
export type OpsError = ErrorBody | { code: "BAD_SNAPSHOT" | "NO_ANSWER"; message: string };

/** The panel's history window: the BFF keeps 15 minutes, and so does the browser. */
export const OPS_HISTORY_MS = 15 * 60_000;

interface OpsState {
  snapshot: OpsSnapshot | null;
  /** Samples of the last OPS_HISTORY_MS, oldest first. */
  history: OpsSample[];
  /**
   * Why the stream is not flowing, as a code the panel words: a refused `ops:subscribe` (the server's error, e.g.
   * FORBIDDEN), or the client's own BAD_SNAPSHOT / NO_ANSWER; null while fine.
   */
  error: OpsError | null;
  subscribed(result: OpsSubscribeResult): void;
  updated(update: OpsUpdate): void;
  failed(error: OpsError): void;
  clear(): void;
}

function trim(history: OpsSample[]): OpsSample[] {
  const newest = history.at(-1)?.at;
  return newest === undefined ? history : history.filter((s) => s.at > newest - OPS_HISTORY_MS);
}

/** The ops health stream (`ops:subscribe` ack, then `ops:updated` every second), for the Health panel. */
export const useOpsStore = create<OpsState>()((set) => ({
  snapshot: null,
  history: [],
  error: null,
  subscribed: ({ snapshot, history }) =>
    set({ snapshot, history: trim([...history].sort((a, b) => a.at - b.at)), error: null }),
  updated: ({ snapshot, sample }) =>
    set((s) => ({
      snapshot,
      error: null,
      // A sample taken before the subscribe ack's history ends is already in it.
      history:
        sample && sample.at > (s.history.at(-1)?.at ?? -Infinity) ? trim([...s.history, sample]) : s.history,
    })),
  failed: (error) => set({ error }),
  clear: () => set({ snapshot: null, history: [], error: null }),
}));
