import type { AuditOutcome } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";

/** An outcome as a coloured chip with its word (the colour is never the only signal). */
export function OutcomeChip({ outcome }: { outcome: AuditOutcome }) {
  const t = useT();
  return <span className={`audit-chip audit-chip-${outcome}`}>{t(`audit.outcome.${outcome}`)}</span>;
}
