import type { FleetView } from "@pregao/contracts";
import { LINK_NAMES } from "../../lib/feed-labels.ts";
import { useT } from "../../i18n/use-t.ts";
import { formatDuration } from "../../lib/format.ts";
import { StatusPill } from "./runbook-link.tsx";

const ms = (v: number | null) => (v === null ? "—" : formatDuration(v));

/**
 * Every BFF instance this one has heard from (each publishes its summary every second over Redis), this one first,
 * with the fleet's totals. A peer that stops publishing drops out after a few seconds, so the totals never include a
 * dead instance. "Heard" is this instance's receive time, shown as the age of the peer's summary.
 */
export function FleetTable({ fleet, at }: { fleet: FleetView; at: number }) {
  const t = useT();
  const { totals } = fleet;
  // Nine columns do not fit a third of a 1280 px screen: the table scrolls sideways in its own box, the panel does not.
  // Focusable, so a keyboard user can scroll it (axe: scrollable-region-focusable).
  return (
    <div className="ops-fleet" role="region" aria-label={t("ops.fleet")} tabIndex={0}>
      <table className="ops-table" aria-label={t("ops.fleet")}>
        <caption className="ops-h">
          {t("ops.fleetCaption", { count: totals.instances, ready: totals.ready })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("ops.instance")}</th>
            <th scope="col">{t("ops.statusCol")}</th>
            <th scope="col">{t("ops.link")}</th>
            <th scope="col" className="num">
              {t("ops.messagesPerS")}
            </th>
            <th scope="col" className="num">
              {t("ops.sockets")}
            </th>
            <th scope="col" className="num">
              {t("ops.sessions")}
            </th>
            <th scope="col" className="num">
              {t("ops.traders")}
            </th>
            <th scope="col" className="num">
              {t("ops.emitP99")}
            </th>
            <th scope="col" className="num">
              {t("ops.heard")}
            </th>
          </tr>
        </thead>
        <tbody>
          {fleet.members.map((m) => (
            <tr key={m.instanceId} data-status={m.status}>
              <th scope="row">
                {m.instanceId}
                {m.instanceId === fleet.self && <span className="ops-muted"> · {t("ops.thisInstance")}</span>}
              </th>
              <td>
                {m.draining ? (
                  <span className="ops-bad">{t("ops.draining")}</span>
                ) : (
                  <StatusPill status={m.status} />
                )}
              </td>
              <td>{LINK_NAMES[m.feedLink.state]}</td>
              <td className="num">{m.feedMsgsPerS}</td>
              <td className="num">{m.connected.sockets}</td>
              <td className="num">{m.connected.sessions}</td>
              <td className="num">{m.connected.traders}</td>
              <td className="num">{ms(m.emitP99Ms)}</td>
              <td className="num">
                {m.instanceId === fleet.self
                  ? "—"
                  : t("ops.ago", { age: formatDuration(Math.max(0, at - m.at)) })}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("ops.fleetTotal")}</th>
            <td colSpan={2}>{t("ops.readyOf", { ready: totals.ready, count: totals.instances })}</td>
            <td className="num">{totals.feedMsgsPerS}</td>
            <td className="num">{totals.sockets}</td>
            <td className="num">{totals.sessions}</td>
            <td className="num">{totals.traders}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
