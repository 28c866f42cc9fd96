import type { ComponentType } from "react";
import type { Permission } from "@pregao/contracts";

/** One dashboard panel. `load` is the lazy entry: each panel becomes its own chunk. */
export interface PanelEntry {
  id: string;
  title: string;
  load: () => Promise<{ default: ComponentType }>;
  /** Shown only to sessions holding this permission (the BFF enforces it again on the panel's data). */
  permission: Permission;
  /** Wide panels span two grid columns on large screens. */
  wide?: boolean;
}

/** The one place to add a panel. Ids are stable: E2E crash hooks address panels by id (see lib/test-hooks.ts). */
export const panelRegistry: readonly PanelEntry[] = [
  {
    id: "watchlist",
    title: "Watchlist",
    load: () => import("../panels/watchlist/index.tsx"),
    permission: "market:read",
    wide: true,
  },
  {
    id: "connection",
    title: "Connection",
    load: () => import("../panels/connection/index.tsx"),
    permission: "feed:detail",
  },
  {
    id: "accounts",
    title: "Accounts",
    load: () => import("../panels/accounts/index.tsx"),
    permission: "accounts:read:own",
  },
];

/** The panels a session may see, in registry order. */
export function panelsFor(
  permissions: readonly Permission[],
  registry: readonly PanelEntry[] = panelRegistry,
): PanelEntry[] {
  const granted = new Set(permissions);
  return registry.filter((p) => granted.has(p.permission));
}
