import { useT } from "../i18n/use-t.ts";
import { useFeedView } from "../stream/use-feed-view.ts";

/**
 * Compact, honest feed state: dot + label ("Live", "Stale", "Feed down — reconnecting in 3s", "Connecting…",
 * "Disconnected from server"), data age and breaker state when not closed. E2E: getByRole("status", {name: "Feed status"}).
 */
export function FeedIndicator() {
  const t = useT();
  const view = useFeedView();
  return (
    <div className="feed-indicator" role="status" aria-label={t("status.feedStatus")} data-state={view.kind}>
      <span className="feed-dot" aria-hidden="true" />
      <span className="feed-label">{view.label}</span>
      {view.breaker && <span className="feed-breaker">{view.breaker}</span>}
      {/* Ages tick every second; keep them out of the live region's announcements. */}
      <span className="feed-age" aria-hidden="true">
        {view.age ? t("status.updated", { age: view.age }) : ""}
      </span>
    </div>
  );
}
