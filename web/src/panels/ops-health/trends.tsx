import type { OpsSample } from "@pregao/contracts";
import { Sparkline } from "../../components/sparkline.tsx";
import { t as translate } from "../../i18n/i18n.ts";
import { useT } from "../../i18n/use-t.ts";
import { formatDuration, formatNumber } from "../../lib/format.ts";

const perSecond = (v: number) => translate("ops.perSecond", { n: formatNumber(Math.round(v)) });
const integer = (v: number) => formatNumber(v);

/** The last 15 minutes, one sparkline per series (samples are every OPS_SAMPLE_MS on the BFF). */
export function Trends({ history }: { history: readonly OpsSample[] }) {
  const t = useT();
  return (
    <section className="ops-trends" aria-label={t("ops.trends")}>
      <Sparkline label={t("ops.feedMsgs")} values={history.map((s) => s.feedMsgsPerS)} format={perSecond} />
      <Sparkline label={t("ops.dataAge")} values={history.map((s) => s.dataAgeMs)} format={formatDuration} />
      <Sparkline label={t("ops.emitP99")} values={history.map((s) => s.emitP99Ms)} format={formatDuration} />
      <Sparkline
        label={t("ops.serviceP99")}
        values={history.map((s) => s.serviceP99Ms)}
        format={formatDuration}
      />
      <Sparkline label={t("ops.sockets")} values={history.map((s) => s.sockets)} format={integer} />
    </section>
  );
}
