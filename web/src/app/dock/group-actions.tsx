import { useEffect, useState } from "react";
import type { DockviewGroupPanel } from "dockview";
import { CloseIcon, MaximiseIcon, PopOutIcon, RestoreIcon } from "./dock-icons.tsx";
import type { GroupPartProps } from "./renderers.ts";

/** Where a pop-out window loads (web/public/popout.html: same origin, no script; dockview fills it). */
export const POPOUT_URL = "/popout.html";

/** A group's header actions: maximise/restore, pop out into a window (for a second monitor), close the active panel. */
export function GroupActions({ params }: GroupPartProps) {
  const { api, containerApi, group } = params;
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
  const title = group.activePanel?.title ?? "";
  const inGrid = group.api.location.type === "grid";
  const maximised = inGrid && api.isMaximized();
  return (
    <div className="dock-actions">
      {inGrid && (
        <button
          type="button"
          className="dock-action"
          aria-label={maximised ? `Restore ${title}` : `Maximise ${title}`}
          title={maximised ? "Restore" : "Maximise"}
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
          aria-label={`Pop out ${title}`}
          title="Pop out into a new window"
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
        aria-label={`Close ${title}`}
        title="Close"
        onClick={() => group.activePanel?.api.close()}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
