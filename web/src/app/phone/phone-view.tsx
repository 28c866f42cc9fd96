import { useCallback, useState } from "react";
import type { Permission } from "@pregao/contracts";
import { PanelBoundary } from "../../components/panel-boundary.tsx";
import { PanelFrame } from "../../components/panel-frame.tsx";
import { TicketAvailableContext } from "../../components/ticket-availability.ts";
import { useT } from "../../i18n/use-t.ts";
import { panelsFor } from "../panel-registry.ts";
import { PhonePanel } from "./phone-panel.tsx";
import { SelectedQuote } from "./selected-quote.tsx";
import "./phone.css";

/** The registry panels the phone shows around the quote (issue 10). */
type PhonePanelId = "watchlist" | "order-book";

/**
 * The phone layout (≤ 480 px): one column — the watchlist, the selected asset's quote, its book. Read-only: no order
 * ticket is mounted and a book level click fills nothing (TicketAvailableContext). A watchlist row click selects the
 * asset through the global selection store, which the quote and the book follow outside a docked panel.
 */
export function PhoneView({ permissions }: { permissions: readonly Permission[] }) {
  const t = useT();
  const visible = panelsFor(permissions);
  const entry = (id: PhonePanelId) => visible.find((p) => p.id === id);
  const watchlist = entry("watchlist");
  const book = entry("order-book");
  const [, setGeneration] = useState(0);
  const reloadQuote = useCallback(() => setGeneration((n) => n + 1), []);
  return (
    <TicketAvailableContext.Provider value={false}>
      <div className="phone-view">
        <p className="phone-note" role="note">
          {t("phone.readOnly")}
        </p>
        {watchlist && <PhonePanel entry={watchlist} />}
        {watchlist && (
          <PanelFrame id="quote" title={t("phone.quote")}>
            <PanelBoundary id="quote" title={t("phone.quote")} onReset={reloadQuote}>
              <SelectedQuote />
            </PanelBoundary>
          </PanelFrame>
        )}
        {book && <PhonePanel entry={book} />}
      </div>
    </TicketAvailableContext.Provider>
  );
}
