import { useCallback, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { OrderSide, SubmitOrder } from "@pregao/contracts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { formatBRL, formatPrice } from "../../lib/format.ts";
import { indexInstruments, instrumentsQueryOptions } from "../../lib/instruments.ts";
import { sessionQueryOptions } from "../../lib/session.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { useQuote } from "../../stream/quotes-store.ts";
import { useSelectedAsset, useSelectionStore } from "../../stream/selection-store.ts";
import { useTicketIntentStore } from "../../stream/ticket-intent-store.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { TicketForm } from "./ticket-form.tsx";
import { TicketHelp } from "./ticket-help.tsx";
import { buildOrder, confirmThreshold, notional, type TicketDraft } from "./ticket-math.ts";
import { TicketStatus } from "./ticket-status.tsx";
import { useTicketShortcuts } from "./use-ticket-shortcuts.ts";
import { useTicketSubmit } from "./use-ticket-submit.ts";
import "./order-ticket.css";

const THRESHOLD = confirmThreshold(import.meta.env.VITE_CONFIRM_NOTIONAL);
type Pending = { order: Omit<SubmitOrder, "idempotencyKey">; notional: number };

/** Keyboard-first order entry. Buy/Sell are deliberate: a button or Alt+B/Alt+S, plus a confirmation when large. */
export default function OrderTicketPanel() {
  const session = useQuery(sessionQueryOptions());
  const instruments = useQuery(instrumentsQueryOptions());
  const byAsset = useMemo(() => indexInstruments(instruments.data), [instruments.data]);
  const accounts = useMemo(() => session.data?.user.accounts ?? [], [session.data]);
  const selected = useSelectedAsset();
  const killSwitch = useKillSwitchStore((s) => s.state);
  const halted = killSwitch?.active ?? false;
  const haltedText = `Kill switch active — trading halted: ${killSwitch?.reason ?? ""}`;
  const blank = useCallback(
    (asset: string): TicketDraft => ({
      account: accounts[0] ?? null,
      asset,
      type: "LIMIT",
      lots: 1,
      price: "",
      stopPrice: "",
      timeInForce: "DAY",
    }),
    [accounts],
  );
  const [draft, setDraft] = useState<TicketDraft>(() => blank(selected));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const { state, submit, retry, reset } = useTicketSubmit();
  const quantityRef = useRef<HTMLInputElement>(null);
  const info = byAsset.get(draft.asset);
  useQuoteSubscriptions(info ? [info.asset] : []);
  const last = useQuote(draft.asset)?.last ?? null;

  // Follow the shared selection and book clicks (adjusting state while rendering, not in an effect).
  const [seenSelected, setSeenSelected] = useState(selected);
  if (seenSelected !== selected) {
    setSeenSelected(selected);
    if (selected !== draft.asset) setDraft((d) => ({ ...d, asset: selected, price: "", stopPrice: "" }));
  }
  const intent = useTicketIntentStore((s) => s.intent);
  const [seenIntent, setSeenIntent] = useState(intent?.seq ?? 0);
  if (intent && intent.seq !== seenIntent) {
    setSeenIntent(intent.seq);
    const tick = byAsset.get(intent.asset)?.tickSize;
    setDraft((d) => ({
      ...d,
      asset: intent.asset,
      price: formatPrice(intent.price, tick).replace(/\./g, ""),
    }));
  }
  if (!draft.account && accounts[0]) setDraft((d) => ({ ...d, account: accounts[0] ?? null }));

  const change = (patch: Partial<TicketDraft>) => {
    setError(null);
    setDraft((d) => ({ ...d, ...patch }));
    if (patch.asset && byAsset.has(patch.asset)) useSelectionStore.getState().select(patch.asset);
  };
  const clear = () => {
    setDraft(blank(draft.asset));
    setError(null);
    setPending(null);
    reset();
  };
  const start = (side: OrderSide) => {
    if (halted) return setError(haltedText);
    const built = buildOrder(draft, side, info);
    if (!built.ok) return setError(built.error);
    const ref = built.order.price ?? last ?? 0;
    const value = notional(built.order.quantity, ref, info?.contractMultiplier ?? 1);
    if (value > THRESHOLD) return setPending({ order: built.order, notional: value });
    void submit(built.order);
  };
  useTicketShortcuts({ focus: () => quantityRef.current?.focus(), side: start });

  if (accounts.length === 0) return <p className="panel-note">No broker accounts to trade</p>;
  const busy = state.kind === "sending";
  return (
    <div
      className="ticket"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending) clear();
      }}
    >
      <TicketForm
        draft={draft}
        accounts={accounts}
        instruments={instruments.data ?? []}
        info={info}
        last={last}
        quantityRef={quantityRef}
        onChange={change}
      />
      <div className="ticket-actions">
        <button type="button" className="btn btn-buy" disabled={halted || busy} onClick={() => start("BUY")}>
          Buy
        </button>
        <button
          type="button"
          className="btn btn-sell"
          disabled={halted || busy}
          onClick={() => start("SELL")}
        >
          Sell
        </button>
        <span className="ticket-last">
          Last <span className="num">{formatPrice(last, info?.tickSize)}</span>
        </span>
      </div>
      {halted && !error && <p className="ticket-halted">{haltedText}</p>}
      {error && (
        <p className="ticket-status ticket-refused" role="alert">
          {error}
        </p>
      )}
      <TicketStatus state={state} onRetry={retry} />
      <TicketHelp />
      {pending && (
        <ConfirmDialog
          title={`Confirm ${pending.order.side === "BUY" ? "buy" : "sell"} order`}
          confirmLabel={`Confirm ${pending.order.side === "BUY" ? "buy" : "sell"}`}
          danger={pending.order.side === "SELL"}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            void submit(pending.order);
          }}
        >
          <p>
            {pending.order.side} {pending.order.quantity.toLocaleString("pt-BR")} {pending.order.asset}{" "}
            {pending.order.type === "MARKET"
              ? "at market"
              : `@ ${formatPrice(pending.order.price, info?.tickSize)}`}
          </p>
          <p>
            Notional <strong>{formatBRL(pending.notional)}</strong> is above {formatBRL(THRESHOLD)}.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
