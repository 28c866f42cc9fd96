import type { ComponentType } from "react";
import type { Permission } from "@pregao/contracts";
import { t } from "../i18n/i18n.ts";

/** One dashboard panel. `load` is the lazy entry: each panel becomes its own chunk. */
export interface PanelEntry {
  id: string;
  /** In the user's language: a getter over the catalog (`panels.<id>`), read at render time. */
  readonly title: string;
  load: () => Promise<{ default: ComponentType }>;
  /** Shown only to sessions holding this permission (the BFF enforces it again on the panel's data). */
  permission: Permission;
  /** Wide panels span two grid columns on large screens. */
  wide?: boolean;
  /** Position on the risk desk (sessions holding `risk:write`); registry order otherwise. */
  riskOrder?: number;
}

/** The one place to add a panel. Ids are stable: E2E crash hooks address panels by id (see lib/test-hooks.ts). */
export const panelRegistry: readonly PanelEntry[] = [
  {
    id: "watchlist",
    get title() {
      return t("panels.watchlist");
    },
    load: () => import("../panels/watchlist/index.tsx"),
    permission: "market:read",
    wide: true,
  },
  {
    id: "order-ticket",
    get title() {
      return t("panels.order-ticket");
    },
    load: () => import("../panels/order-ticket/index.tsx"),
    permission: "orders:write",
  },
  {
    id: "risk",
    get title() {
      return t("panels.risk");
    },
    load: () => import("../panels/risk/index.tsx"),
    permission: "risk:write",
    riskOrder: 1,
  },
  {
    id: "ops-health",
    get title() {
      return t("panels.ops-health");
    },
    load: () => import("../panels/ops-health/index.tsx"),
    permission: "ops:read",
    wide: true,
    riskOrder: 1.5,
  },
  {
    id: "order-book",
    get title() {
      return t("panels.order-book");
    },
    load: () => import("../panels/order-book/index.tsx"),
    permission: "market:read",
    riskOrder: 4,
  },
  {
    // Wide, after the book: at four columns it fills the row beside the tape (trader) or the book and tape (risk).
    id: "chart",
    get title() {
      return t("panels.chart");
    },
    load: () => import("../panels/chart/index.tsx"),
    permission: "market:read",
    wide: true,
    riskOrder: 3.5,
  },
  {
    id: "time-and-sales",
    get title() {
      return t("panels.time-and-sales");
    },
    load: () => import("../panels/time-and-sales/index.tsx"),
    permission: "market:read",
    riskOrder: 5,
  },
  {
    id: "blotter",
    get title() {
      return t("panels.blotter");
    },
    load: () => import("../panels/blotter/index.tsx"),
    permission: "accounts:read:own",
    wide: true,
    riskOrder: 2,
  },
  {
    id: "positions",
    get title() {
      return t("panels.positions");
    },
    load: () => import("../panels/positions/index.tsx"),
    permission: "accounts:read:own",
    riskOrder: 3,
  },
  {
    id: "connection",
    get title() {
      return t("panels.connection");
    },
    load: () => import("../panels/connection/index.tsx"),
    permission: "feed:detail",
  },
  {
    id: "accounts",
    get title() {
      return t("panels.accounts");
    },
    load: () => import("../panels/accounts/index.tsx"),
    permission: "accounts:read:own",
  },
  {
    // Not in the risk desk's default layout (its visual baselines stay as they are): added from "Add panel".
    id: "audit",
    get title() {
      return t("panels.audit");
    },
    load: () => import("../panels/audit/index.tsx"),
    permission: "audit:read",
    wide: true,
  },
];

/** The panels a session may see, in registry order. */
export function panelsFor(
  permissions: readonly Permission[],
  registry: readonly PanelEntry[] = panelRegistry,
): PanelEntry[] {
  const granted = new Set(permissions);
  const visible = registry.filter((p) => granted.has(p.permission));
  if (!granted.has("risk:write")) return visible;
  const rank = (p: PanelEntry) => p.riskOrder ?? (p.id === "watchlist" ? 0 : 100 + registry.indexOf(p));
  return visible.sort((a, b) => rank(a) - rank(b));
}
