import { useT } from "../../i18n/use-t.ts";

/** "Runbook" for a problem: opens the rendered runbook in a new tab (never gives it this window: rel=noopener). */
export function RunbookLink({ href, label }: { href: string; label?: string }) {
  const t = useT();
  return (
    <a className="ops-runbook" href={href} target="_blank" rel="noopener">
      {label ?? t("ops.runbook")}
    </a>
  );
}

/** pass / warn / fail as a coloured pill; the word itself is the text (colour is never the only signal). */
export function StatusPill({ status }: { status: "pass" | "warn" | "fail" }) {
  const t = useT();
  return (
    <span className="ops-pill" data-status={status}>
      {t(`ops.status.${status}`)}
    </span>
  );
}
