import { createContext, useContext } from "react";
import type { WorkspacePanel } from "@pregao/contracts";
import type { PanelEntry } from "../panel-registry.ts";

/** What the dock's portals need from the host: the active layout's panels and the registry entries this session may see. */
export interface DockContextValue {
  panels: ReadonlyMap<string, WorkspacePanel>;
  entries: ReadonlyMap<string, PanelEntry>;
}

export const DockContext = createContext<DockContextValue>({ panels: new Map(), entries: new Map() });

export const useDockContext = (): DockContextValue => useContext(DockContext);
