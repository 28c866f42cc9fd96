import type { LatencyPercentiles, OpsSnapshot } from "@pregao/contracts";
import { formatDuration } from "../../lib/format.ts";
import { Definition } from "./definition.tsx";

const ms = (v: number | null) => (v === null ? "—" : formatDuration(v));
const percentiles = (p: LatencyPercentiles) =>
  p.count === 0 ? "no samples" : `${ms(p.p50)} / ${ms(p.p90)} / ${ms(p.p99)}`;

/** Who is connected, and how fast the BFF emits and its backends answer (last minute, p50 / p90 / p99). */
export function TrafficSection({ snapshot }: { snapshot: OpsSnapshot }) {
  const { connected, emitLatency, serviceLatency } = snapshot;
  const services = Object.entries(serviceLatency).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="ops-section" aria-label="Clients and latency">
      <h3 className="ops-h">Clients and latency</h3>
      <dl className="ops-dl">
        <Definition term="Sockets">{connected.sockets}</Definition>
        <Definition term="Sessions">{connected.sessions}</Definition>
        <Definition term="Traders">{connected.traders}</Definition>
        <Definition term="Emit p50/p90/p99">{percentiles(emitLatency)}</Definition>
        {services.length === 0 ? (
          <Definition term="Services">no calls yet</Definition>
        ) : (
          services.map(([name, p]) => (
            <Definition key={name} term={`${name} p50/p90/p99`}>
              {percentiles(p)}
            </Definition>
          ))
        )}
      </dl>
    </section>
  );
}
