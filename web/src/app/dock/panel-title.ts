import type { WorkspacePanel } from "@pregao/contracts";

/**
 * A panel instance's title (its tab and its region's accessible name): the type's title, numbered from the second
 * instance on ("Chart 2" for id `chart-2`), so two charts are told apart by people and by E2E locators alike.
 */
export function panelTitle(panel: WorkspacePanel, typeTitle: string): string {
  if (panel.id === panel.type) return typeTitle;
  const n = new RegExp(`^${panel.type}-(\\d+)$`).exec(panel.id)?.[1];
  return n ? `${typeTitle} ${n}` : `${typeTitle} (${panel.id})`;
}

/** The next free instance id of `type` in a layout: the type itself, then `type-2`, `type-3`, … */
export function nextPanelId(panels: readonly WorkspacePanel[], type: string): string {
  const ids = new Set(panels.map((p) => p.id));
  if (!ids.has(type)) return type;
  let n = 2;
  while (ids.has(`${type}-${n}`)) n += 1;
  return `${type}-${n}`;
}
