import { ActivationResult, LoginResult, MarketResult, RoutingResult } from "@pregao/contracts";
import { t, tKey, type TKey } from "../i18n/i18n.ts";

/**
 * Labels in the user's language, read at display time (getters: a language switch shows through on the next render).
 * The contracts and the wire stay English; these are the words on screen.
 */
function translated<K extends string>(keys: Record<K, TKey>): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(keys) as K[])
    Object.defineProperty(out, k, { enumerable: true, get: () => tKey(keys[k]) });
  return out;
}

/** Feed link states as operators read them. */
export const LINK_NAMES = translated({
  connecting: "feed.link.connecting",
  live: "feed.link.live",
  stale: "feed.link.stale",
  down: "feed.link.down",
});
/** Per-asset data states from `feed:status` `assets` (the BFF is not receiving the asset's data). */
export const ASSET_DATA_LABELS = translated({
  pending: "feed.assetData.pending",
  retrying: "feed.assetData.retrying",
});
/** Breaker states as operators read them. */
export const BREAKER_NAMES = translated({
  closed: "feed.breaker.closed",
  open: "feed.breaker.open",
  halfOpen: "feed.breaker.halfOpen",
});

/** Human names for ProfitDLL `nResult` codes, keyed by the contracts' constants so the numbers live in one place. */
const LOGIN = translated({
  [LoginResult.LOGIN_CONNECTED]: "feed.login.connected",
  [LoginResult.LOGIN_INVALID]: "feed.login.invalid",
  [LoginResult.LOGIN_INVALID_PASS]: "feed.login.invalidPass",
  [LoginResult.LOGIN_BLOCKED_PASS]: "feed.login.blockedPass",
  [LoginResult.LOGIN_EXPIRED_PASS]: "feed.login.expiredPass",
  [LoginResult.LOGIN_UNKNOWN_ERR]: "feed.login.unknownErr",
}) as Readonly<Record<number, string>>;
const ROUTING = translated({
  [RoutingResult.ROTEAMENTO_DISCONNECTED]: "feed.routing.disconnected",
  [RoutingResult.ROTEAMENTO_CONNECTING]: "feed.routing.connecting",
  [RoutingResult.ROTEAMENTO_CONNECTED]: "feed.routing.connected",
  [RoutingResult.ROTEAMENTO_BROKER_DISCONNECTED]: "feed.routing.brokerDisconnected",
  [RoutingResult.ROTEAMENTO_BROKER_CONNECTING]: "feed.routing.brokerConnecting",
  [RoutingResult.ROTEAMENTO_BROKER_CONNECTED]: "feed.routing.brokerConnected",
}) as Readonly<Record<number, string>>;
const MARKET = translated({
  [MarketResult.MARKET_DISCONNECTED]: "feed.market.disconnected",
  [MarketResult.MARKET_CONNECTING]: "feed.market.connecting",
  [MarketResult.MARKET_WAITING]: "feed.market.waiting",
  [MarketResult.MARKET_NOT_LOGGED]: "feed.market.notLogged",
  [MarketResult.MARKET_CONNECTED]: "feed.market.connected",
}) as Readonly<Record<number, string>>;
const ACTIVATION = translated({
  [ActivationResult.CONNECTION_ACTIVATE_VALID]: "feed.activation.valid",
  [ActivationResult.CONNECTION_ACTIVATE_INVALID]: "feed.activation.invalid",
}) as Readonly<Record<number, string>>;

/**
 * The four ProfitDLL connection states, labelled, with the codes that mean "fine" (shared by Connection and Health).
 * Routing is up at 2 (routing server) or 5 (broker), as ProfitDLL's own client and the BFF's health check treat it.
 */
export type ProfitDllKey = "login" | "routing" | "marketData" | "activation";

export const profitDllRows: readonly {
  key: ProfitDllKey;
  /** In the user's language (a getter). */
  readonly label: string;
  names: Readonly<Record<number, string>>;
  ok: readonly number[];
}[] = [
  {
    key: "login",
    get label() {
      return t("feed.rows.login");
    },
    names: LOGIN,
    ok: [LoginResult.LOGIN_CONNECTED],
  },
  {
    key: "routing",
    get label() {
      return t("feed.rows.routing");
    },
    names: ROUTING,
    ok: [RoutingResult.ROTEAMENTO_CONNECTED, RoutingResult.ROTEAMENTO_BROKER_CONNECTED],
  },
  {
    key: "marketData",
    get label() {
      return t("feed.rows.marketData");
    },
    names: MARKET,
    ok: [MarketResult.MARKET_CONNECTED],
  },
  {
    key: "activation",
    get label() {
      return t("feed.rows.activation");
    },
    names: ACTIVATION,
    ok: [ActivationResult.CONNECTION_ACTIVATE_VALID],
  },
];

/** "Connected (0)", "Broker connected (5)", "Unknown (42)", "No report yet". */
export function describeCode(names: Readonly<Record<number, string>>, code: number | null): string {
  if (code === null) return t("feed.noReport");
  return t("feed.code", { name: names[code] ?? t("feed.unknown"), code });
}

/** Whether a reported code is a healthy one for its row (no report yet is not flagged). */
export function isHealthyCode(row: { ok: readonly number[] }, code: number | null): boolean {
  return code === null || row.ok.includes(code);
}
