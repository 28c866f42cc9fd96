import { LINKED_PANEL_TYPES } from "@pregao/contracts";
import { LinkGroupSwatch } from "../../workspace/link-group-picker.tsx";
import { useLocale } from "../../i18n/use-t.ts";
import { useDockContext } from "./dock-context.ts";
import { panelTitle } from "./panel-title.ts";
import type { PanelPartProps } from "./renderers.ts";

/**
 * A panel's tab: its title and, for panels that follow a link group, the group's colour. The group picker itself is
 * a header action (group-actions.tsx): a control inside `role="tab"` is a nested interactive (axe, WCAG 4.1.2).
 */
export function DockTab({ params }: PanelPartProps) {
  const { panels, entries } = useDockContext();
  useLocale(); // the type titles are read in the active language: re-render on a switch
  const panel = panels.get(params.api.id);
  const entry = panel && entries.get(panel.type);
  const title = panel && entry ? panelTitle(panel, entry.title) : params.title;
  return (
    <span className="dock-tab">
      <span className="dock-tab-title">{title}</span>
      {panel && LINKED_PANEL_TYPES.has(panel.type) && <LinkGroupSwatch panelId={panel.id} />}
    </span>
  );
}
