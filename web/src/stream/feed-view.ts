import type { FeedStatus } from "@pregao/contracts";
import { formatAge } from "../lib/format.ts";
import type { SocketState } from "./connection-store.ts";
import { t } from "../i18n/i18n.ts";

export type FeedViewKind = "disconnected" | "connecting" | "live" | "stale" | "down";

export interface FeedView {
  kind: FeedViewKind;
  /** What the trader reads first: "Live", "Stale", "Feed down — reconnecting in 3s", … */
  label: string;
  /** Age of the newest upstream market data, e.g. "2 s ago"; null before any. */
  age: string | null;
  /** t("feedView.breakerOpen") / t("feedView.breakerHalfOpen"); null while closed. */
  breaker: string | null;
}

export interface FeedViewInput {
  socket: SocketState;
  status: FeedStatus | null;
  /** Local epoch ms of the last BFF message (status or quotes). */
  lastMessageAt: number | null;
  /** Server minus local clock, ms. */
  skewMs: number;
  /** Whether quotes are subscribed, i.e. silence means something is wrong. */
  expectingMessages: boolean;
  now: number;
}

/** One honest sentence about whether prices on screen are live. Pure, so every state is unit-tested. */
export function describeFeed(input: FeedViewInput): FeedView {
  const { socket, status, lastMessageAt, skewMs, now } = input;
  // "Updated" is the age of the market data, i.e. of the upstream feed's last message — never of the BFF's own
  // feed:status, which arrives every second even while the feed is stale ("Stale · updated <1 s ago" was a lie).
  const upstreamAt = status?.lastMessageAt != null ? status.lastMessageAt - skewMs : null;
  const age = upstreamAt === null ? null : formatAge(Math.max(0, now - upstreamAt));
  const breaker =
    status && status.breaker.state !== "closed"
      ? status.breaker.state === "open"
        ? t("feedView.breakerOpen")
        : t("feedView.breakerHalfOpen")
      : null;

  if (socket === "disconnected")
    return { kind: "disconnected", label: t("feedView.disconnected"), age, breaker };
  // Coming back by itself: worded as such, but every live number stays not-live until the socket is connected again.
  if (socket === "reconnecting")
    return { kind: "disconnected", label: t("feedView.reconnecting"), age, breaker };
  if (socket === "connecting" || !status)
    return { kind: "connecting", label: t("feedView.connecting"), age, breaker };

  const link = status.link;
  switch (link.state) {
    case "connecting":
      return { kind: "connecting", label: t("feedView.connecting"), age, breaker };
    case "stale":
      return { kind: "stale", label: t("feedView.stale"), age, breaker };
    case "down": {
      if (link.retryAt === null) return { kind: "down", label: t("feedView.down"), age, breaker };
      const secs = Math.max(0, Math.ceil((link.retryAt - skewMs - now) / 1000));
      return { kind: "down", label: t("feedView.downRetry", { secs }), age, breaker };
    }
    case "live": {
      // The BFF's threshold (`staleness.silenceMs`, its own upstream rule) applied to what the browser hears from it:
      // "feed down" shows within about 2 s either way. The browser keeps no copy of the number.
      // A status that was already old when it arrived (a backlog between the BFF and this browser) is silence too:
      // messages keep coming, but what they say is seconds old.
      const statusAge = now - (status.serverTime - skewMs);
      const silent =
        lastMessageAt === null ||
        now - lastMessageAt > status.staleness.silenceMs ||
        statusAge > status.staleness.silenceMs;
      if (input.expectingMessages && silent)
        return { kind: "stale", label: t("feedView.stale"), age, breaker };
      return { kind: "live", label: t("feedView.live"), age, breaker };
    }
  }
}
