import { useCallback, useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useShallow } from "zustand/react/shallow";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { useT } from "../../i18n/use-t.ts";
import { indexInstruments, useInstruments } from "../../lib/instruments.ts";
import { can, sessionQueryOptions } from "../../lib/session.ts";
import { cancelAllOrders, cancelOrder, orderErrorText, ordersQueryOptions } from "../../lib/trading.ts";
import { useOrdersStore } from "../../stream/orders-store.ts";
import { BLOTTER_TABS, orderIdsFor, tabCounts, type BlotterTab } from "./blotter-filter.ts";
import { BLOTTER_COLUMNS } from "./blotter-columns.ts";
import { BlotterRow } from "./blotter-row.tsx";
import "./blotter.css";

/** Orders of the user (trader) or of every account (risk), live from `orders:updated`. */
export default function BlotterPanel() {
  const t = useT();
  const session = useQuery(sessionQueryOptions());
  const seed = useQuery(ordersQueryOptions());
  const [tab, setTab] = useState<BlotterTab>("working");
  const [confirmAll, setConfirmAll] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const canCancel = can(session.data, "orders:write");
  const showAccount = can(session.data, "accounts:read:all") || (session.data?.user.accounts.length ?? 0) > 1;

  useEffect(() => {
    if (seed.data) useOrdersStore.getState().apply(seed.data);
  }, [seed.data]);
  const ids = useOrdersStore(useShallow((s) => orderIdsFor(s.orders.values(), tab)));
  const counts = useOrdersStore(useShallow((s) => tabCounts(s.orders.values())));
  // Tick sizes of the assets the orders are in, not the whole catalog.
  const assets = useOrdersStore(
    useShallow((s) => [...new Set(Array.from(s.orders.values(), (o) => o.asset))].sort()),
  );
  const instruments = useInstruments(assets);
  const byAsset = useMemo(() => indexInstruments(instruments.data), [instruments.data]);
  const tickOf = useCallback((asset: string) => byAsset.get(asset)?.tickSize, [byAsset]);

  const onCancel = useCallback(async (orderId: string) => {
    setMessage(null);
    try {
      useOrdersStore.getState().apply([await cancelOrder(orderId)]);
    } catch (err) {
      setMessage({ text: orderErrorText(err), error: true });
    }
  }, []);
  const onCancelAll = async () => {
    setConfirmAll(false);
    setMessage(null);
    try {
      const r = await cancelAllOrders();
      setMessage({ text: t("blotter.cancelled", { count: r.canceled }), error: false });
    } catch (err) {
      setMessage({ text: orderErrorText(err), error: true });
    }
  };

  return (
    <div className="blotter">
      <div className="bl-toolbar">
        <div role="tablist" aria-label={t("blotter.orderStatus")} className="bl-tabs">
          {BLOTTER_TABS.map((key) => (
            <button
              key={key}
              role="tab"
              type="button"
              aria-selected={tab === key}
              className="bl-tab"
              onClick={() => setTab(key)}
            >
              {t(`blotter.tabs.${key}`)} <span className="bl-count">{counts[key]}</span>
            </button>
          ))}
        </div>
        {canCancel && (
          <button
            type="button"
            className="btn btn-small"
            disabled={counts.working === 0}
            onClick={() => setConfirmAll(true)}
          >
            {t("blotter.cancelAll")}
          </button>
        )}
      </div>
      {message && (
        <p className={message.error ? "panel-alert" : "panel-note"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {seed.isError && (
        <p className="panel-alert" role="alert">
          {orderErrorText(seed.error)}
        </p>
      )}
      {/* tabIndex 0, as the APG's tab panels: it scrolls, and with no order in it there is nothing else to focus. */}
      <div role="tabpanel" className="bl-scroll" aria-label={t(`blotter.tabs.${tab}`)} tabIndex={0}>
        <table className="data-table bl-table" aria-label={t("blotter.orders")}>
          <thead>
            <tr>
              {BLOTTER_COLUMNS.filter((c) => showAccount || c.key !== "account").map((c) => (
                <th key={c.key} scope="col" className={c.className} title={c.title}>
                  {c.key === "actions" ? <span className="visually-hidden">{c.label}</span> : c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <BlotterRow
                key={id}
                orderId={id}
                showAccount={showAccount}
                canCancel={canCancel}
                tickOf={tickOf}
                onCancel={(orderId) => void onCancel(orderId)}
              />
            ))}
          </tbody>
        </table>
        {ids.length === 0 && <p className="panel-note">{t("blotter.noOrders")}</p>}
      </div>
      {confirmAll && (
        <ConfirmDialog
          title={t("blotter.cancelAllTitle")}
          confirmLabel={t("blotter.cancelAllConfirm")}
          danger
          onCancel={() => setConfirmAll(false)}
          onConfirm={() => void onCancelAll()}
        >
          <p>{t("blotter.cancelAllQuestion", { count: counts.working })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
