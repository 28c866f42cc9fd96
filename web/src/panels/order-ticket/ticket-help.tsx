import { useT } from "../../i18n/use-t.ts";
import { TICKET_SHORTCUTS } from "./use-ticket-shortcuts.ts";

/** The shortcut list, folded by default (a native disclosure: keyboard and screen-reader friendly). */
export function TicketHelp() {
  const t = useT();
  return (
    <details className="ticket-help">
      <summary>{t("ticket.shortcuts")}</summary>
      <dl>
        {TICKET_SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{t(s.action)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
