import type { LatencyPercentiles, OpsSnapshot } from "@pregao/contracts";
import { t as translate } from "../../i18n/i18n.ts";
import { useT } from "../../i18n/use-t.ts";
import { formatDuration } from "../../lib/format.ts";
import { Definition } from "./definition.tsx";

const ms = (v: number | null) => (v === null ? "—" : formatDuration(v));
const percentiles = (p: LatencyPercentiles) =>
  p.count === 0 ? translate("ops.noSamples") : `${ms(p.p50)} / ${ms(p.p90)} / ${ms(p.p99)}`;

/** Who is connected, and how fast the BFF emits and its backends answer (last minute, p50 / p90 / p99). */
export function TrafficSection({ snapshot }: { snapshot: OpsSnapshot }) {
  const t = useT();
  const { connected, emitLatency, serviceLatency } = snapshot;
  const services = Object.entries(serviceLatency).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="ops-section" aria-label={t("ops.clients")}>
      <h3 className="ops-h">{t("ops.clients")}</h3>
      <dl className="ops-dl">
        <Definition term={t("ops.sockets")}>{connected.sockets}</Definition>
        <Definition term={t("ops.sessions")}>{connected.sessions}</Definition>
        <Definition term={t("ops.traders")}>{connected.traders}</Definition>
        <Definition term={t("ops.emit")}>{percentiles(emitLatency)}</Definition>
        {services.length === 0 ? (
          <Definition term={t("ops.services")}>{t("ops.noCalls")}</Definition>
        ) : (
          services.map(([name, p]) => (
            <Definition key={name} term={t("ops.servicePercentiles", { name })}>
              {percentiles(p)}
            </Definition>
          ))
        )}
      </dl>
    </section>
  );
}
