import { createElement, memo, Suspense, useCallback, useState } from "react";
import { PanelBoundary } from "../components/panel-boundary.tsx";
import { PanelFrame } from "../components/panel-frame.tsx";
import { PanelSkeleton } from "../components/panel-skeleton.tsx";
import { lazyPanel } from "./lazy-panel.ts";
import type { PanelEntry } from "./panel-registry.ts";

interface PanelSlotProps {
  entry: PanelEntry;
  /** The instance's id in the layout (the boundary's Sentry tag and E2E crash hook); the type's id by default. */
  id?: string;
  /** The instance's title (its region's accessible name, e.g. "Chart 2"); the type's title by default. */
  title?: string;
  /** Docked panels show their title in the dock's tab, not in a header of their own. */
  header?: boolean;
}

/**
 * Frame + boundary + Suspense + lazy panel. Memoised: the dock re-renders its portals on every workspace edit (a
 * watchlist click moves a link group's asset), and a panel whose props did not change must not re-render with them.
 */
export const PanelSlot = memo(function PanelSlot({
  entry,
  id = entry.id,
  title = entry.title,
  header = true,
}: PanelSlotProps) {
  // Bumped on "Reload panel" so this slot re-renders and picks up a fresh lazy component after a failed load.
  const [, setGeneration] = useState(0);
  const rerender = useCallback(() => setGeneration((n) => n + 1), []);
  return (
    <PanelFrame id={id} title={title} header={header}>
      <PanelBoundary id={id} title={title} onReset={rerender}>
        <Suspense fallback={<PanelSkeleton title={title} />}>
          {/* lazyPanel caches per panel type, so the component identity is stable across renders (not "created
              during render", which the static-components lint rule cannot see through). */}
          {createElement(lazyPanel(entry))}
        </Suspense>
      </PanelBoundary>
    </PanelFrame>
  );
});
