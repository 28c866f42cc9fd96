import { LINKED_PANEL_TYPES } from "@pregao/contracts";
import { LinkGroupPicker } from "../../workspace/link-group-picker.tsx";
import { PanelInstanceProvider } from "../../workspace/panel-instance.tsx";
import { useLocale } from "../../i18n/use-t.ts";
import { useDockContext } from "./dock-context.ts";
import { panelTitle } from "./panel-title.ts";
import type { PanelPartProps } from "./renderers.ts";

/** A panel's tab: its title and, for panels that follow a link group, the group chip. */
export function DockTab({ params }: PanelPartProps) {
  const { panels, entries } = useDockContext();
  useLocale(); // the type titles are read in the active language: re-render on a switch
  const panel = panels.get(params.api.id);
  const entry = panel && entries.get(panel.type);
  const title = panel && entry ? panelTitle(panel, entry.title) : params.title;
  return (
    <span className="dock-tab">
      <span className="dock-tab-title">{title}</span>
      {panel && LINKED_PANEL_TYPES.has(panel.type) && (
        // Pressing the chip must not start a tab drag or activation in dockview's listeners above it.
        <span
          className="dock-tab-chip"
          onPointerDown={(e) => e.stopPropagation()}
          onMouseDown={(e) => e.stopPropagation()}
        >
          <PanelInstanceProvider panel={panel}>
            <LinkGroupPicker panelId={panel.id} />
          </PanelInstanceProvider>
        </span>
      )}
    </span>
  );
}
