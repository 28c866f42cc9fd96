import { useState } from "react";
import { AUDIT_PAGE, type AuditFilter } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { formatQuantity } from "../../lib/format.ts";
import { saveFile } from "../../lib/save-file.ts";
import { fetchAuditExport } from "./api.ts";

interface ExportButtonProps {
  filter: AuditFilter;
  /** A refused or failed export (null when an export starts or succeeds): the panel says why. */
  onError(error: Error | null): void;
}

/** Export CSV with the applied filters: fetched, then saved; busy while it runs. */
export function ExportButton({ filter, onError }: ExportButtonProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    onError(null);
    try {
      const file = await fetchAuditExport(filter);
      saveFile(file.blob, file.filename ?? "audit.csv");
    } catch (err) {
      onError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="btn btn-small audit-export"
      disabled={busy}
      onClick={() => void run()}
      title={t("audit.exportTitle", { max: formatQuantity(AUDIT_PAGE.maxExportRows) })}
    >
      {busy ? t("audit.exporting") : t("audit.exportCsv")}
    </button>
  );
}
