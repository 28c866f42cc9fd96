/** "Runbook" for a problem: opens the rendered runbook in a new tab (never gives it this window: rel=noopener). */
export function RunbookLink({ href, label = "Runbook" }: { href: string; label?: string }) {
  return (
    <a className="ops-runbook" href={href} target="_blank" rel="noopener">
      {label}
    </a>
  );
}

/** pass / warn / fail as a coloured pill; the word itself is the text (colour is never the only signal). */
export function StatusPill({ status }: { status: "pass" | "warn" | "fail" }) {
  return (
    <span className="ops-pill" data-status={status}>
      {status}
    </span>
  );
}
