import { createContext, useContext, type ReactNode } from "react";
import type { WorkspacePanel } from "@pregao/contracts";

/**
 * The panel instance a panel component renders for: its id in the active layout, its type, link group, own asset
 * and (watchlist panels) named watchlist. The docking host provides it around every panel; panels read it through
 * hooks (usePanelAsset in ./link-groups, the watchlist's list choice) instead of global singletons, so two charts
 * or two watchlists in one layout can show different things.
 */
const PanelInstanceContext = createContext<WorkspacePanel | null>(null);

export function PanelInstanceProvider({ panel, children }: { panel: WorkspacePanel; children: ReactNode }) {
  return <PanelInstanceContext.Provider value={panel}>{children}</PanelInstanceContext.Provider>;
}

/** The enclosing panel instance; null outside a docked panel (phone view, unit tests): callers fall back to defaults. */
export const usePanelInstance = (): WorkspacePanel | null => useContext(PanelInstanceContext);
