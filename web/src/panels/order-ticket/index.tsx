import { useCallback, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { OrderSide, SubmitOrder } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { formatPrice, formatPriceInput } from "../../lib/format.ts";
import { indexInstruments, useInstruments, useKnownInstrument } from "../../lib/instruments.ts";
import { sessionQueryOptions } from "../../lib/session.ts";
import { useAssetFreshness } from "../../stream/data-age.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { useQuote } from "../../stream/quotes-store.ts";
import { intentReaches, useTicketIntentStore } from "../../stream/ticket-intent-store.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { usePanelAsset } from "../../workspace/link-groups.ts";
import { usePanelInstance } from "../../workspace/panel-instance.tsx";
import { CollarDialog, PreSendDialog } from "./ticket-dialogs.tsx";
import { TicketForm } from "./ticket-form.tsx";
import { TicketHelp } from "./ticket-help.tsx";
import { buildOrder, confirmThreshold, type TicketDraft } from "./ticket-math.ts";
import { TicketStatus } from "./ticket-status.tsx";
import { preSendWarnings, type PreSendWarning } from "./ticket-warnings.ts";
import { useTicketShortcuts } from "./use-ticket-shortcuts.ts";
import { useTicketSubmit } from "./use-ticket-submit.ts";
import "./order-ticket.css";

const THRESHOLD = confirmThreshold(import.meta.env.VITE_CONFIRM_NOTIONAL);
type Pending = { order: Omit<SubmitOrder, "idempotencyKey">; warnings: PreSendWarning[] };

/** Keyboard-first order entry. Buy/Sell are deliberate: a button or Alt+B/Alt+S, plus a confirmation when large. */
export default function OrderTicketPanel() {
  const t = useT();
  const session = useQuery(sessionQueryOptions());
  const known = useKnownInstrument();
  const accounts = useMemo(() => session.data?.user.accounts ?? [], [session.data]);
  const { asset: selected, select } = usePanelAsset();
  const killSwitch = useKillSwitchStore((s) => s.state);
  const halted = killSwitch?.active ?? false;
  const haltedText = t("ticket.halted", { reason: killSwitch?.reason ?? "" });
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
  // The instruments of the ticket's asset and the selection only (the combobox searches the BFF for others).
  const instruments = useInstruments([draft.asset, selected]);
  const byAsset = useMemo(() => indexInstruments(instruments.data), [instruments.data]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const { state, submit, retry, confirmCollar, reset } = useTicketSubmit();
  const quantityRef = useRef<HTMLInputElement>(null);
  const info = byAsset.get(draft.asset);
  useQuoteSubscriptions(info ? [info.asset] : []);
  const last = useQuote(draft.asset)?.last ?? null;
  const lastStale = useAssetFreshness(draft.asset).stale;

  // Follow the shared selection and book clicks (adjusting state while rendering, not in an effect).
  const [seenSelected, setSeenSelected] = useState(selected);
  if (seenSelected !== selected) {
    setSeenSelected(selected);
    if (selected !== draft.asset) setDraft((d) => ({ ...d, asset: selected, price: "", stopPrice: "" }));
  }
  const intent = useTicketIntentStore((s) => s.intent);
  const linkGroup = usePanelInstance()?.linkGroup;
  const [seenIntent, setSeenIntent] = useState(intent?.seq ?? 0);
  if (intent && intent.seq !== seenIntent) {
    setSeenIntent(intent.seq);
    if (intentReaches(intent, linkGroup)) {
      const tick = byAsset.get(intent.asset)?.tickSize;
      setDraft((d) => ({
        ...d,
        asset: intent.asset,
        price: formatPriceInput(intent.price, tick),
      }));
    }
  }
  if (!draft.account && accounts[0]) setDraft((d) => ({ ...d, account: accounts[0] ?? null }));

  // A refusal is about the order that was refused: a new asset or price (from the form, the selection or a book click)
  // clears it, and so does a new Buy/Sell (start). An order still in flight keeps its "Sending…".
  const orderKey = `${draft.asset}|${draft.price}|${draft.stopPrice}`;
  const [seenOrderKey, setSeenOrderKey] = useState(orderKey);
  if (seenOrderKey !== orderKey) {
    setSeenOrderKey(orderKey);
    setError(null);
    if (state.kind !== "idle" && state.kind !== "sending") reset();
  }

  const change = (patch: Partial<TicketDraft>) => {
    setError(null);
    setDraft((d) => ({ ...d, ...patch }));
    if (patch.asset && known(patch.asset)) select(patch.asset);
  };
  const clear = () => {
    setDraft(blank(draft.asset));
    setError(null);
    setPending(null);
    reset();
  };
  const start = (side: OrderSide) => {
    // One order at a time: nothing starts while one is in flight or a confirmation dialog is open.
    if (state.kind === "sending" || state.kind === "confirm" || pending) return;
    reset();
    if (halted) return setError(haltedText);
    const built = buildOrder(draft, side, info);
    if (!built.ok) return setError(built.error);
    setError(null);
    const warnings = preSendWarnings(built.order, last, info?.contractMultiplier ?? 1, THRESHOLD);
    if (warnings.length > 0) return setPending({ order: built.order, warnings });
    void submit(built.order);
  };
  useTicketShortcuts({ focus: () => quantityRef.current?.focus(), side: start });

  if (accounts.length === 0) return <p className="panel-note">{t("ticket.noAccounts")}</p>;
  const busy = state.kind === "sending";
  return (
    <div
      className="ticket"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending && state.kind !== "confirm") clear();
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
          {t("ticket.buy")}
        </button>
        <button
          type="button"
          className="btn btn-sell"
          disabled={halted || busy}
          onClick={() => start("SELL")}
        >
          {t("ticket.sell")}
        </button>
        <span className="ticket-last" data-stale={lastStale}>
          {t("ticket.last")} <span className="num">{formatPrice(last, info?.tickSize)}</span>
        </span>
      </div>
      {halted && !error && <p className="ticket-halted">{haltedText}</p>}
      {error && (
        <p className="ticket-status ticket-refused" role="alert">
          {error}
        </p>
      )}
      <TicketStatus state={state} tickSize={info?.tickSize} onRetry={retry} />
      <TicketHelp />
      {pending && (
        <PreSendDialog
          order={pending.order}
          warnings={pending.warnings}
          tickSize={info?.tickSize}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            void submit(pending.order);
          }}
        />
      )}
      {state.kind === "confirm" && (
        <CollarDialog
          order={state.order}
          collar={state.collar}
          tickSize={info?.tickSize}
          onCancel={reset}
          onConfirm={confirmCollar}
        />
      )}
    </div>
  );
}
