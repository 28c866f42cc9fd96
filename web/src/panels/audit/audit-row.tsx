import { memo, useId, useState } from "react";
import type { AuditEntry } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { formatAuditTime } from "./local-time.ts";
import { OutcomeChip } from "./outcome-chip.tsx";

/** Table columns; the expanded details row spans them all. */
export const AUDIT_COLUMN_COUNT = 8;

const dash = (v: string | null) => v ?? "—";

/** One audit entry, and under it, when expanded, everything else it recorded (ip, request id, chain hash, details). */
export const AuditRow = memo(function AuditRow({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const seq = String(entry.seq);
  return (
    <>
      <tr className={open ? "audit-row audit-row-open" : "audit-row"} data-seq={entry.seq}>
        <td className="audit-time">
          <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time>
        </td>
        <td title={entry.user ?? undefined}>{dash(entry.user)}</td>
        <td className="audit-mono" title={entry.event}>
          {entry.event}
        </td>
        <td>
          <OutcomeChip outcome={entry.outcome} />
        </td>
        <td className="audit-mono">{dash(entry.asset)}</td>
        <td className="audit-mono" title={entry.orderId ?? undefined}>
          {dash(entry.orderId)}
        </td>
        <td title={entry.reason ?? undefined}>{dash(entry.reason)}</td>
        <td>
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={open ? t("audit.hideDetails", { seq }) : t("audit.showDetails", { seq })}
            onClick={() => setOpen((o) => !o)}
          >
            {t("audit.cols.details")}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="audit-details-row">
          <td colSpan={AUDIT_COLUMN_COUNT} id={detailsId}>
            <dl className="audit-details" aria-label={t("audit.detailsOf", { seq })}>
              <dt>{t("audit.seq")}</dt>
              <dd className="audit-mono">{seq}</dd>
              <dt>{t("audit.ip")}</dt>
              <dd className="audit-mono">{dash(entry.ip)}</dd>
              <dt>{t("audit.requestId")}</dt>
              <dd className="audit-mono">{dash(entry.requestId)}</dd>
              <dt>{t("audit.hash")}</dt>
              <dd className="audit-mono audit-hash">{entry.hash}</dd>
              <dt>{t("audit.extra")}</dt>
              <dd>
                {entry.details && Object.keys(entry.details).length > 0 ? (
                  <pre className="audit-json">{JSON.stringify(entry.details, null, 2)}</pre>
                ) : (
                  t("audit.noExtra")
                )}
              </dd>
            </dl>
          </td>
        </tr>
      )}
    </>
  );
});
