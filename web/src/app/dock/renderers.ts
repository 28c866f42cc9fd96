import { createElement, type ComponentType } from "react";
import type {
  DockviewGroupPanel,
  GroupPanelPartInitParameters,
  IContentRenderer,
  IGroupHeaderProps,
  IHeaderActionsRenderer,
  ITabRenderer,
} from "dockview";
import type { PortalStore } from "./portal-store.ts";

/** Props of the React components the renderers mount. */
export interface PanelPartProps {
  params: GroupPanelPartInitParameters;
}
export interface GroupPartProps {
  params: IGroupHeaderProps;
}

let next = 0;
const element = (className: string) => {
  const el = document.createElement("div");
  el.className = className;
  return el;
};

/** A dockview content or tab renderer that mounts `component` through the portal store. */
export function panelPart(
  store: PortalStore,
  kind: "content" | "tab",
  component: ComponentType<PanelPartProps>,
): IContentRenderer & ITabRenderer {
  const key = `${kind}:${++next}`;
  const el = element(`dock-${kind}`);
  return {
    element: el,
    init: (params) => store.set(key, el, createElement(component, { params })),
    dispose: () => store.delete(key),
  };
}

/** A group header actions renderer (maximise, pop out, close) mounted through the portal store. */
export function groupPart(
  store: PortalStore,
  group: DockviewGroupPanel,
  component: ComponentType<GroupPartProps>,
): IHeaderActionsRenderer {
  const key = `group:${group.id}:${++next}`;
  const el = element("dock-group-actions");
  return {
    element: el,
    init: (params) => store.set(key, el, createElement(component, { params })),
    dispose: () => store.delete(key),
  };
}
