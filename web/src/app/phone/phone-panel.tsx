import { createElement, Suspense, useCallback, useState } from "react";
import { PanelBoundary } from "../../components/panel-boundary.tsx";
import { PanelFrame } from "../../components/panel-frame.tsx";
import { PanelSkeleton } from "../../components/panel-skeleton.tsx";
import { lazyPanel } from "../lazy-panel.ts";
import type { PanelEntry } from "../panel-registry.ts";

/** One registry panel in the phone column: frame + boundary + Suspense + the panel's lazy entry. */
export function PhonePanel({ entry }: { entry: PanelEntry }) {
  // Bumped on "Reload panel" so a failed chunk load is fetched again (see lazyPanel).
  const [, setGeneration] = useState(0);
  const rerender = useCallback(() => setGeneration((n) => n + 1), []);
  return (
    <PanelFrame id={entry.id} title={entry.title}>
      <PanelBoundary id={entry.id} title={entry.title} onReset={rerender}>
        <Suspense fallback={<PanelSkeleton title={entry.title} />}>
          {createElement(lazyPanel(entry))}
        </Suspense>
      </PanelBoundary>
    </PanelFrame>
  );
}
