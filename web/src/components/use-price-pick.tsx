import { useState, type ReactNode } from "react";
import { Trans } from "react-i18next";
import { i18n } from "../i18n/i18n.ts";
import { useT } from "../i18n/use-t.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { StaleAge } from "./stale-age.tsx";
import { useTicketAvailable } from "./ticket-availability.ts";
import { formatPrice } from "../lib/format.ts";
import type { DataFreshness } from "../stream/data-age.ts";
import { useTicketIntentStore } from "../stream/ticket-intent-store.ts";
import { usePanelInstance } from "../workspace/panel-instance.tsx";

/**
 * A price picked on a panel (a book level, a point on the chart) goes to the order ticket; while the asset's data is
 * not live it asks first, so a stale price never reaches the ticket unnoticed. `source` names what was clicked in the
 * question ("The book of PETR4:B is not live…"). Returns the pick function and the dialog to render.
 */
export function usePricePick(
  source: string,
  asset: string,
  tick: number | undefined,
  fresh: DataFreshness,
): { pick(price: number): void; dialog: ReactNode } {
  const t = useT();
  const [stalePick, setStalePick] = useState<{ asset: string; price: number } | null>(null);
  const linkGroup = usePanelInstance()?.linkGroup;
  const fill = (a: string, price: number) => useTicketIntentStore.getState().setPrice(a, price, linkGroup);
  const ticketAvailable = useTicketAvailable();
  const pick = (price: number) => {
    if (!ticketAvailable) return; // phone view: read-only, no ticket to fill
    if (fresh.stale) setStalePick({ asset, price });
    else fill(asset, price);
  };
  const dialog = stalePick && (
    <ConfirmDialog
      title={t("pricePick.title")}
      confirmLabel={t("pricePick.confirm")}
      onCancel={() => setStalePick(null)}
      onConfirm={() => {
        setStalePick(null);
        fill(stalePick.asset, stalePick.price);
      }}
    >
      <p>
        <Trans
          i18n={i18n}
          i18nKey="pricePick.notLive"
          values={{ source, asset: stalePick.asset }}
          components={{ strong: <strong /> }}
        />
        {fresh.receivedAt !== null ? (
          <Trans
            i18n={i18n}
            i18nKey="pricePick.lastUpdate"
            components={{ age: <StaleAge freshness={fresh} plain /> }}
          />
        ) : null}
        <Trans
          i18n={i18n}
          i18nKey="pricePick.question"
          values={{ price: formatPrice(stalePick.price, tick) }}
          components={{ price: <strong className="num" /> }}
        />
      </p>
    </ConfirmDialog>
  );
  return { pick, dialog };
}
