import { useT } from "../i18n/use-t.ts";
import { formatDuration } from "../lib/format.ts";
import { useNow } from "../lib/use-now.ts";
import { useFeedStatusStore } from "../stream/feed-status-store.ts";
import { median, usePingStore } from "../stream/ping-store.ts";
import { FeedIndicator } from "./feed-indicator.tsx";
import { ReconnectedNotice } from "./reconnected-notice.tsx";

/**
 * Age (ms) of the market data: since the BFF last heard from the upstream feed (its clock → ours). Deliberately not
 * the last BFF message: `feed:status` arrives every second even while the feed is down, so it would say "fresh".
 * Grows on its own when the BFF itself goes quiet, as the newest data it vouched for gets older.
 */
export function dataAgeMs(now: number, upstreamAt: number | null, skewMs: number): number | null {
  return upstreamAt === null ? null : Math.max(0, now - (upstreamAt - skewMs));
}

function DataAge() {
  const t = useT();
  const now = useNow(500);
  const upstreamAt = useFeedStatusStore((s) => s.status?.lastMessageAt ?? null);
  const skewMs = useFeedStatusStore((s) => s.skewMs);
  const age = dataAgeMs(now, upstreamAt, skewMs);
  return (
    <span className="strip-item">
      <span className="strip-key">{t("status.data")}</span>
      <span className="strip-value" aria-label={t("status.dataAge")}>
        {age === null ? "—" : formatDuration(age)}
      </span>
    </span>
  );
}

function SocketLatency() {
  const t = useT();
  const last = usePingStore((s) => s.lastRttMs);
  const samples = usePingStore((s) => s.samples);
  const mid = median(samples);
  return (
    <span className="strip-item">
      <span className="strip-key">{t("status.latency")}</span>
      <span className="strip-value" aria-label={t("status.socketLatency")}>
        {last === null ? "—" : formatDuration(last)}
      </span>
      {mid !== null && (
        <span className="strip-value strip-dim" aria-label={t("status.socketLatencyMedian")}>
          {t("status.median", { value: formatDuration(mid) })}
        </span>
      )}
    </span>
  );
}

/**
 * What every logged-in user sees in the header: the feed (FeedIndicator), "Reconnected" for a few seconds after the
 * socket comes back (ReconnectedNotice), how old the newest data is, and this
 * browser's own socket round trip (`connection:ping` every 5 s; last and the median of the last minute).
 * E2E: getByRole("group", { name: "Trader status" }) → getByLabel("Data age" | "Socket latency").
 */
export function StatusStrip() {
  const t = useT();
  return (
    <div className="status-strip" role="group" aria-label={t("status.group")}>
      <FeedIndicator />
      <ReconnectedNotice />
      <DataAge />
      <SocketLatency />
    </div>
  );
}
