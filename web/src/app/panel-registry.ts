import type { ComponentType } from "react";

/** One dashboard panel. `load` is the lazy entry: each panel becomes its own chunk. */
export interface PanelEntry {
  id: string;
  title: string;
  load: () => Promise<{ default: ComponentType }>;
  /** Wide panels span two grid columns on large screens. */
  wide?: boolean;
}

/** The one place to add a panel. Ids are stable: E2E crash hooks address panels by id (see lib/test-hooks.ts). */
export const panelRegistry: readonly PanelEntry[] = [
  { id: "watchlist", title: "Watchlist", load: () => import("../panels/watchlist/index.tsx"), wide: true },
  { id: "connection", title: "Connection", load: () => import("../panels/connection/index.tsx") },
];
