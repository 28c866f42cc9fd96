import type { OpsSample } from "@pregao/contracts";
import { Sparkline } from "../../components/sparkline.tsx";
import { formatDuration } from "../../lib/format.ts";

const perSecond = (v: number) => `${Math.round(v).toLocaleString("pt-BR")}/s`;
const integer = (v: number) => v.toFixed(0);

/** The last 15 minutes, one sparkline per series (samples are every OPS_SAMPLE_MS on the BFF). */
export function Trends({ history }: { history: readonly OpsSample[] }) {
  return (
    <section className="ops-trends" aria-label="Last 15 minutes">
      <Sparkline label="Feed msgs/s" values={history.map((s) => s.feedMsgsPerS)} format={perSecond} />
      <Sparkline label="Data age" values={history.map((s) => s.dataAgeMs)} format={formatDuration} />
      <Sparkline label="Emit p99" values={history.map((s) => s.emitP99Ms)} format={formatDuration} />
      <Sparkline label="Service p99" values={history.map((s) => s.serviceP99Ms)} format={formatDuration} />
      <Sparkline label="Sockets" values={history.map((s) => s.sockets)} format={integer} />
    </section>
  );
}
