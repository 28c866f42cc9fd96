import type { AuditEntry } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { AuditRow } from "./audit-row.tsx";

const COLUMNS = ["time", "user", "action", "outcome", "asset", "orderId", "reason", "details"] as const;

/** One page of the trail, newest first. The caption is the table's accessible name. */
export function AuditTable({ entries, busy }: { entries: readonly AuditEntry[]; busy: boolean }) {
  const t = useT();
  return (
    <div className="audit-scroll">
      <table className="data-table audit-table" aria-busy={busy}>
        <caption className="audit-caption">{t("audit.caption")}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={`audit-c-${c}`}>
                {t(`audit.cols.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <AuditRow key={e.seq} entry={e} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
