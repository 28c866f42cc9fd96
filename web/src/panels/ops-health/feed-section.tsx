import type { OpsSnapshot } from "@pregao/contracts";
import { describeCode, isHealthyCode, LINK_NAMES, profitDllRows } from "../../lib/feed-labels.ts";
import { formatDuration } from "../../lib/format.ts";
import { Definition } from "./definition.tsx";
import { RunbookLink } from "./runbook-link.tsx";

const count = (n: number) => n.toLocaleString("pt-BR");
const rate = (n: number) => n.toLocaleString("pt-BR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The upstream feed: link, data age, rate, the error counters and ProfitDLL's four connection states. */
export function FeedSection({ snapshot }: { snapshot: OpsSnapshot }) {
  const { feed, counters, at } = snapshot;
  const link = feed.link;
  const feedCheck = snapshot.checks.find((c) => c.name === "feed");
  return (
    <section className="ops-section" aria-label="Feed">
      <h3 className="ops-h">
        Feed
        {feedCheck && feedCheck.status !== "pass" && feedCheck.runbook && (
          <RunbookLink href={feedCheck.runbook} />
        )}
      </h3>
      <dl className="ops-dl">
        <Definition term="Link" bad={link.state !== "live"}>
          {LINK_NAMES[link.state]}{" "}
          <span className="ops-muted">for {formatDuration(Math.max(0, at - link.since))}</span>
          {link.state === "down" && <div className="ops-error">{link.reason}</div>}
        </Definition>
        <Definition term="Data age">
          {feed.lastMessageAt === null ? "No data yet" : formatDuration(Math.max(0, at - feed.lastMessageAt))}
        </Definition>
        <Definition term="Messages/s">{rate(snapshot.feedMsgsPerS)}</Definition>
        <Definition term="Gaps">{count(counters.gaps)}</Definition>
        <Definition term="Resyncs">{count(counters.resyncs)}</Definition>
        <Definition term="Reconnects">{count(counters.reconnects)}</Definition>
        <Definition term="Malformed" bad={counters.malformed > 0}>
          {count(counters.malformed)}
        </Definition>
        {profitDllRows.map((row) => {
          const code = feed.profitDll[row.key];
          return (
            <Definition
              key={row.key}
              term={`ProfitDLL ${row.label.toLowerCase()}`}
              bad={!isHealthyCode(row, code)}
            >
              {describeCode(row.names, code)}
              {/* The bridge reports these states; with the link not live they are its last word, not the present. */}
              {link.state !== "live" && code !== null && <span className="ops-muted"> · last known</span>}
            </Definition>
          );
        })}
      </dl>
    </section>
  );
}
