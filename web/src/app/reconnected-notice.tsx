import { useT } from "../i18n/use-t.ts";
import { formatDuration } from "../lib/format.ts";
import { useIsPast } from "../lib/use-now.ts";
import { useConnectionStore } from "../stream/connection-store.ts";

/** How long "Reconnected" stays up after the socket comes back. */
export const RECONNECTED_NOTICE_MS = 6000;
/** From this long away the notice says how long ("Reconnected after 12 s away"); shorter blips just "Reconnected". */
export const LONG_OUTAGE_MS = 3000;

/**
 * A short, non-blocking "Reconnected" after a dropped socket comes back (no reload needed), beside the feed state.
 * The live region is always in the DOM (empty and visually hidden when idle) so screen readers announce the text when
 * it appears. E2E: getByRole("status").filter({ hasText: "Reconnected" }).
 */
export function ReconnectedNotice() {
  const t = useT();
  const last = useConnectionStore((s) => s.lastReconnection);
  const connected = useConnectionStore((s) => s.state === "connected");
  const over = useIsPast(last ? last.at + RECONNECTED_NOTICE_MS : null, 500);
  const text =
    last === null || over || !connected
      ? ""
      : last.awayMs >= LONG_OUTAGE_MS
        ? t("status.reconnectedAfter", { duration: formatDuration(last.awayMs) })
        : t("status.reconnected");
  return (
    <span className="reconnected-notice" role="status" aria-live="polite">
      {text}
    </span>
  );
}
