import { Fragment } from "react";
import {
  BREAKER_NAMES,
  describeCode,
  isHealthyCode,
  LINK_NAMES,
  profitDllRows,
} from "../../lib/feed-labels.ts";
import { useT } from "../../i18n/use-t.ts";
import { socketErrorText } from "../../i18n/socket-error-text.ts";
import { formatAge, formatDuration, formatTime } from "../../lib/format.ts";
import { useNow } from "../../lib/use-now.ts";
import { useConnectionStore } from "../../stream/connection-store.ts";
import { toLocalTime, useFeedStatusStore } from "../../stream/feed-status-store.ts";
import { useFeedView } from "../../stream/use-feed-view.ts";
import "./connection.css";

/** Everything behind the header's feed dot: socket, upstream link, breaker, ProfitDLL states, clocks. */
export default function ConnectionPanel() {
  const t = useT();
  const now = useNow(1000);
  const view = useFeedView();
  const socket = useConnectionStore();
  const { status, skewMs, lastMessageAt } = useFeedStatusStore();
  const since = (serverMs: number) => {
    const local = toLocalTime(serverMs, skewMs);
    return t("connection.sinceAge", { time: formatTime(local), age: formatAge(now - local) });
  };

  return (
    <dl className="conn-list" data-state={view.kind}>
      <dt>{t("connection.serverSocket")}</dt>
      <dd data-testid="conn-socket">
        {socket.state === "connected"
          ? t("connection.connected")
          : socket.state === "connecting"
            ? t("connection.connecting")
            : socket.state === "reconnecting"
              ? t("connection.reconnecting")
              : t("connection.disconnected")}{" "}
        <span className="conn-muted">
          {t("connection.since", { time: formatTime(socket.since) })}
          {socket.state !== "connected" && socket.attempt > 0
            ? t("connection.retry", { attempt: socket.attempt })
            : ""}
        </span>
      </dd>
      {socket.lastError && socket.state !== "connected" && (
        <>
          <dt>{t("connection.socketError")}</dt>
          <dd className="conn-error">{socketErrorText(socket.lastError)}</dd>
        </>
      )}
      {!status ? (
        <>
          <dt>{t("connection.feed")}</dt>
          <dd>{t("connection.waiting")}</dd>
        </>
      ) : (
        <>
          <dt>{t("connection.feedLink")}</dt>
          <dd data-testid="conn-link" className={`conn-link-${status.link.state}`}>
            {LINK_NAMES[status.link.state]} <span className="conn-muted">{since(status.link.since)}</span>
            {status.link.state === "down" && <div className="conn-error">{status.link.reason}</div>}
          </dd>
          <dt>{t("connection.breaker")}</dt>
          <dd data-testid="conn-breaker" className={status.breaker.state === "closed" ? "" : "conn-error"}>
            {BREAKER_NAMES[status.breaker.state]}{" "}
            <span className="conn-muted">{since(status.breaker.since)}</span>
            {status.breaker.lastError && (
              <div className="conn-muted">
                {t("connection.lastError", { error: status.breaker.lastError })}
              </div>
            )}
          </dd>
          {profitDllRows.map((row) => {
            const code = status.profitDll[row.key];
            return (
              <Fragment key={row.key}>
                <dt>{row.label}</dt>
                <dd
                  data-testid={`conn-dll-${row.key}`}
                  className={isHealthyCode(row, code) ? "" : "conn-error"}
                >
                  {describeCode(row.names, code)}
                  {/* Reported by the bridge: with the link not live this is its last word, not the present. */}
                  {status.link.state !== "live" && code !== null && (
                    <span className="conn-muted">{t("connection.lastKnown")}</span>
                  )}
                </dd>
              </Fragment>
            );
          })}
          <dt>{t("connection.lastUpstream")}</dt>
          <dd>
            {status.lastMessageAt === null
              ? t("common.noneYet")
              : formatAge(now - toLocalTime(status.lastMessageAt, skewMs))}
          </dd>
        </>
      )}
      <dt>{t("connection.lastServer")}</dt>
      <dd data-testid="conn-last-message">
        {lastMessageAt === null ? t("common.noneYet") : formatAge(now - lastMessageAt)}
      </dd>
      <dt>{t("connection.skew")}</dt>
      <dd data-testid="conn-skew">{status ? `${skewMs >= 0 ? "+" : ""}${formatDuration(skewMs)}` : "—"}</dd>
    </dl>
  );
}
