import { dropTransport } from "../stream/socket-client.ts";
import { useTestCrashStore } from "./test-crash-store.ts";

/** Hooks for Playwright. Loaded only by e2e builds: main.tsx imports this behind `import.meta.env.MODE === "e2e"`. */
export interface PregaoTestHooks {
  /** Make panel `id` (a registry id, e.g. "watchlist") throw during its next render. */
  crashPanel(id: string): void;
  /** The build's release (git SHA) as Sentry receives it. */
  release: string | undefined;
  /** Drop the socket's transport as the network would; socket.io reconnects by itself ("Reconnected"). */
  dropSocket(): void;
}

declare global {
  interface Window {
    __pregaoTest?: PregaoTestHooks;
  }
}

export function installTestHooks(): void {
  window.__pregaoTest = {
    crashPanel: (id) => useTestCrashStore.getState().request(id),
    release: import.meta.env.VITE_GIT_SHA,
    dropSocket: dropTransport,
  };
}
