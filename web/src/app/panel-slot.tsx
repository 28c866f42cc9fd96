import { createElement, Suspense, useCallback, useState } from "react";
import { PanelBoundary } from "../components/panel-boundary.tsx";
import { PanelFrame } from "../components/panel-frame.tsx";
import { PanelSkeleton } from "../components/panel-skeleton.tsx";
import { lazyPanel } from "./lazy-panel.ts";
import type { PanelEntry } from "./panel-registry.ts";

/** Frame + boundary + Suspense + lazy panel. */
export function PanelSlot({ entry }: { entry: PanelEntry }) {
  // Bumped on "Reload panel" so this slot re-renders and picks up a fresh lazy component after a failed load.
  const [, setGeneration] = useState(0);
  const rerender = useCallback(() => setGeneration((n) => n + 1), []);
  return (
    <div className={entry.wide ? "panel-cell panel-cell-wide" : "panel-cell"}>
      <PanelFrame id={entry.id} title={entry.title}>
        <PanelBoundary id={entry.id} title={entry.title} onReset={rerender}>
          <Suspense fallback={<PanelSkeleton title={entry.title} />}>
            {/* lazyPanel caches per panel id, so the component identity is stable across renders (not "created
                during render", which the static-components lint rule cannot see through). */}
            {createElement(lazyPanel(entry))}
          </Suspense>
        </PanelBoundary>
      </PanelFrame>
    </div>
  );
}
