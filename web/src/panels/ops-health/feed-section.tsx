import type { OpsSnapshot } from "@pregao/contracts";
import { describeCode, isHealthyCode, LINK_NAMES, profitDllRows } from "../../lib/feed-labels.ts";
import { useT } from "../../i18n/use-t.ts";
import { formatDuration, formatNumber } from "../../lib/format.ts";
import { Definition } from "./definition.tsx";
import { RunbookLink } from "./runbook-link.tsx";

const count = (n: number) => formatNumber(n);
const rate = (n: number) => formatNumber(n, 1, 1);

/** The upstream feed: link, data age, rate, the error counters and ProfitDLL's four connection states. */
export function FeedSection({ snapshot }: { snapshot: OpsSnapshot }) {
  const t = useT();
  const { feed, counters, at } = snapshot;
  const link = feed.link;
  const feedCheck = snapshot.checks.find((c) => c.name === "feed");
  return (
    <section className="ops-section" aria-label={t("ops.feed")}>
      <h3 className="ops-h">
        {t("ops.feed")}
        {feedCheck && feedCheck.status !== "pass" && feedCheck.runbook && (
          <RunbookLink href={feedCheck.runbook} />
        )}
      </h3>
      <dl className="ops-dl">
        <Definition term={t("ops.link")} bad={link.state !== "live"}>
          {LINK_NAMES[link.state]}{" "}
          <span className="ops-muted">
            {t("ops.forAge", { age: formatDuration(Math.max(0, at - link.since)) })}
          </span>
          {link.state === "down" && <div className="ops-error">{link.reason}</div>}
        </Definition>
        <Definition term={t("ops.dataAge")}>
          {feed.lastMessageAt === null
            ? t("ops.noData")
            : formatDuration(Math.max(0, at - feed.lastMessageAt))}
        </Definition>
        <Definition term={t("ops.messagesPerS")}>{rate(snapshot.feedMsgsPerS)}</Definition>
        <Definition term={t("ops.gaps")}>{count(counters.gaps)}</Definition>
        <Definition term={t("ops.resyncs")}>{count(counters.resyncs)}</Definition>
        <Definition term={t("ops.reconnects")}>{count(counters.reconnects)}</Definition>
        <Definition term={t("ops.malformed")} bad={counters.malformed > 0}>
          {count(counters.malformed)}
        </Definition>
        {profitDllRows.map((row) => {
          const code = feed.profitDll[row.key];
          return (
            <Definition
              key={row.key}
              term={t("ops.profitDll", { row: row.label.toLowerCase() })}
              bad={!isHealthyCode(row, code)}
            >
              {describeCode(row.names, code)}
              {/* The bridge reports these states; with the link not live they are its last word, not the present. */}
              {link.state !== "live" && code !== null && (
                <span className="ops-muted">{t("ops.lastKnown")}</span>
              )}
            </Definition>
          );
        })}
      </dl>
    </section>
  );
}
