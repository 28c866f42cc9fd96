import { panelRegistry } from "./panel-registry.ts";
import { PanelSlot } from "./panel-slot.tsx";

export function PanelGrid() {
  return (
    <div className="panel-grid">
      {panelRegistry.map((entry) => (
        <PanelSlot key={entry.id} entry={entry} />
      ))}
    </div>
  );
}
