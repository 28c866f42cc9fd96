import type { AccountRef, AssetInfo, OrderType, TimeInForce } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { formatQuantity } from "../../lib/format.ts";
import { AssetCombobox } from "./asset-combobox.tsx";
import { PriceInput } from "./price-input.tsx";
import type { TicketDraft } from "./ticket-math.ts";

const TYPES: readonly OrderType[] = ["LIMIT", "MARKET", "STOP_LIMIT"];
const VALIDITIES: readonly TimeInForce[] = ["DAY", "GTC", "IOC", "FOK"];

export const accountKey = (a: AccountRef) => `${a.brokerId}:${a.accountId}`;

interface TicketFormProps {
  draft: TicketDraft;
  accounts: readonly AccountRef[];
  instruments: readonly AssetInfo[];
  info: AssetInfo | undefined;
  last: number | null;
  quantityRef: React.Ref<HTMLInputElement>;
  onChange(patch: Partial<TicketDraft>): void;
}

/** The ticket's fields. Every control has a visible label (also the E2E locator). */
export function TicketForm({
  draft,
  accounts,
  instruments,
  info,
  last,
  quantityRef,
  onChange,
}: TicketFormProps) {
  const t = useT();
  const tick = info?.tickSize;
  return (
    <div className="ticket-grid">
      <label className="field" htmlFor="ticket-account">
        {t("ticket.account")}
        <select
          id="ticket-account"
          className="select"
          value={draft.account ? accountKey(draft.account) : ""}
          onChange={(e) =>
            onChange({ account: accounts.find((a) => accountKey(a) === e.target.value) ?? null })
          }
        >
          {accounts.map((a) => (
            <option key={accountKey(a)} value={accountKey(a)}>
              {accountKey(a)}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor="ticket-asset">
        {t("ticket.asset")}
        <AssetCombobox
          value={draft.asset}
          instruments={instruments}
          onChange={(asset) => onChange({ asset })}
        />
      </label>
      <label className="field" htmlFor="ticket-type">
        {t("ticket.orderType")}
        <select
          id="ticket-type"
          className="select"
          value={draft.type}
          onChange={(e) => onChange({ type: e.target.value as OrderType })}
        >
          {TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`ticket.types.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor="ticket-validity">
        {t("ticket.validity")}
        <select
          id="ticket-validity"
          className="select"
          value={draft.timeInForce}
          onChange={(e) => onChange({ timeInForce: e.target.value as TimeInForce })}
        >
          {VALIDITIES.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor="ticket-qty">
        {t("ticket.quantityLots")}
        <input
          id="ticket-qty"
          ref={quantityRef}
          className="input num"
          type="number"
          min={1}
          step={1}
          value={Number.isFinite(draft.lots) ? draft.lots : ""}
          onChange={(e) => onChange({ lots: e.target.valueAsNumber })}
        />
      </label>
      <p className="ticket-units field" aria-live="polite">
        {t("ticket.units")}
        <span className="num" data-testid="ticket-units">
          {info && Number.isFinite(draft.lots) ? formatQuantity(draft.lots * info.lot) : "—"}
          {info ? t("ticket.lot", { lot: formatQuantity(info.lot) }) : ""}
        </span>
      </p>
      <PriceInput
        id="ticket-price"
        label={t("ticket.price")}
        value={draft.type === "MARKET" ? "" : draft.price}
        tick={tick}
        reference={last}
        disabled={draft.type === "MARKET"}
        onChange={(price) => onChange({ price })}
      />
      <PriceInput
        id="ticket-stop"
        label={t("ticket.stopPrice")}
        value={draft.type === "STOP_LIMIT" ? draft.stopPrice : ""}
        tick={tick}
        reference={last}
        disabled={draft.type !== "STOP_LIMIT"}
        onChange={(stopPrice) => onChange({ stopPrice })}
      />
    </div>
  );
}
