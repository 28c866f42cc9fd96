import { useEffect, useState } from "react";
import { LINKED_PANEL_TYPES } from "@pregao/contracts";
import { LinkGroupPicker } from "../../workspace/link-group-picker.tsx";
import { PanelInstanceProvider } from "../../workspace/panel-instance.tsx";
import type { DockviewGroupPanel } from "dockview";
import { CloseIcon, MaximiseIcon, PopOutIcon, RestoreIcon } from "./dock-icons.tsx";
import type { GroupPartProps } from "./renderers.ts";
import { useT } from "../../i18n/use-t.ts";
import { useDockContext } from "./dock-context.ts";
import { panelTitle } from "./panel-title.ts";

/** Where a pop-out window loads (web/public/popout.html: same origin, no script; dockview fills it). */
export const POPOUT_URL = "/popout.html";

/** A group's header actions: the front panel's link group, maximise/restore, pop out into a window (for a second monitor), close the active panel. */
export function GroupActions({ params }: GroupPartProps) {
  const { api, containerApi, group } = params;
  const t = useT();
  const { panels, entries } = useDockContext();
  const [, bump] = useState(0);
  useEffect(() => {
    const refresh = () => bump((n) => n + 1);
    const subs = [
      containerApi.onDidMaximizedGroupChange(refresh),
      group.api.onDidActivePanelChange(refresh),
      group.api.onDidLocationChange(refresh),
    ];
    return () => subs.forEach((s) => s.dispose());
  }, [containerApi, group]);
  const active = group.activePanel;
  const panel = active && panels.get(active.id);
  const entry = panel && entries.get(panel.type);
  // The title in the active language (dockview keeps the one it was given when the panel was added).
  const title = panel && entry ? panelTitle(panel, entry.title) : (active?.title ?? "");
  const inGrid = group.api.location.type === "grid";
  const maximised = inGrid && api.isMaximized();
  return (
    <div className="dock-actions">
      {panel && LINKED_PANEL_TYPES.has(panel.type) && (
        // Keyed: the front panel changes, and with it whose group the picker shows.
        <PanelInstanceProvider key={panel.id} panel={panel}>
          <LinkGroupPicker panelId={panel.id} />
        </PanelInstanceProvider>
      )}
      {inGrid && (
        <button
          type="button"
          className="dock-action"
          aria-label={maximised ? t("dock.restorePanel", { title }) : t("dock.maximisePanel", { title })}
          title={maximised ? t("dock.restore") : t("dock.maximise")}
          aria-pressed={maximised}
          onClick={() => (maximised ? api.exitMaximized() : api.maximize())}
        >
          {maximised ? <RestoreIcon /> : <MaximiseIcon />}
        </button>
      )}
      {inGrid && (
        <button
          type="button"
          className="dock-action"
          aria-label={t("dock.popOutPanel", { title })}
          title={t("dock.popOutTitle")}
          onClick={() => {
            if (maximised) api.exitMaximized();
            // The header props type the group by its interface; it is the grid group itself.
            void containerApi.addPopoutGroup(group as DockviewGroupPanel, { popoutUrl: POPOUT_URL });
          }}
        >
          <PopOutIcon />
        </button>
      )}
      <button
        type="button"
        className="dock-action"
        aria-label={t("dock.closePanel", { title })}
        title={t("dock.close")}
        onClick={() => group.activePanel?.api.close()}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
