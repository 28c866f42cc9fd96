import type { Permission } from "@pregao/contracts";
import { panelsFor } from "./panel-registry.ts";
import { PanelSlot } from "./panel-slot.tsx";

export function PanelGrid({ permissions }: { permissions: readonly Permission[] }) {
  return (
    <div className="panel-grid">
      {panelsFor(permissions).map((entry) => (
        <PanelSlot key={entry.id} entry={entry} />
      ))}
    </div>
  );
}
