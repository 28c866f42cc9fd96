import { PanelInstanceProvider } from "../../workspace/panel-instance.tsx";
import { PanelSlot } from "../panel-slot.tsx";
import { useLocale } from "../../i18n/use-t.ts";
import { useDockContext } from "./dock-context.ts";
import { panelTitle } from "./panel-title.ts";
import type { PanelPartProps } from "./renderers.ts";

/**
 * One docked panel's content: its instance context, then the same frame, error boundary, Suspense and lazy chunk as
 * every panel (popped-out panels included: the portal moves with the element). Renders nothing for an id the active
 * layout no longer has or a type this session may not see.
 */
export function DockPanel({ params }: PanelPartProps) {
  const { panels, entries } = useDockContext();
  useLocale(); // the region is named by the type title in the active language
  const panel = panels.get(params.api.id);
  const entry = panel && entries.get(panel.type);
  if (!panel || !entry) return null;
  return (
    <PanelInstanceProvider panel={panel}>
      <PanelSlot entry={entry} id={panel.id} title={panelTitle(panel, entry.title)} header={false} />
    </PanelInstanceProvider>
  );
}
