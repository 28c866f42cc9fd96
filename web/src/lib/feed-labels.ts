import { ActivationResult, LoginResult, MarketResult, RoutingResult } from "@pregao/contracts";

/** Feed link states as operators read them. */
export const LINK_NAMES = { connecting: "Connecting", live: "Live", stale: "Stale", down: "Down" } as const;
/** Breaker states as operators read them. */
/** Per-asset data states from `feed:status` `assets` (the BFF is not receiving the asset's data). */
export const ASSET_DATA_LABELS = { pending: "waiting for data", retrying: "no data — retrying" } as const;

export const BREAKER_NAMES = { closed: "Closed", open: "Open", halfOpen: "Half-open" } as const;

/** Human names for ProfitDLL `nResult` codes, keyed by the contracts' constants so the numbers live in one place. */
const LOGIN: Record<number, string> = {
  [LoginResult.LOGIN_CONNECTED]: "Connected",
  [LoginResult.LOGIN_INVALID]: "Invalid login",
  [LoginResult.LOGIN_INVALID_PASS]: "Invalid password",
  [LoginResult.LOGIN_BLOCKED_PASS]: "Password blocked",
  [LoginResult.LOGIN_EXPIRED_PASS]: "Password expired",
  [LoginResult.LOGIN_UNKNOWN_ERR]: "Unknown error",
};
const ROUTING: Record<number, string> = {
  [RoutingResult.ROTEAMENTO_DISCONNECTED]: "Disconnected",
  [RoutingResult.ROTEAMENTO_CONNECTING]: "Connecting",
  [RoutingResult.ROTEAMENTO_CONNECTED]: "Connected",
  [RoutingResult.ROTEAMENTO_BROKER_DISCONNECTED]: "Broker disconnected",
  [RoutingResult.ROTEAMENTO_BROKER_CONNECTING]: "Broker connecting",
  [RoutingResult.ROTEAMENTO_BROKER_CONNECTED]: "Broker connected",
};
const MARKET: Record<number, string> = {
  [MarketResult.MARKET_DISCONNECTED]: "Disconnected",
  [MarketResult.MARKET_CONNECTING]: "Connecting",
  [MarketResult.MARKET_WAITING]: "Waiting",
  [MarketResult.MARKET_NOT_LOGGED]: "Not logged in",
  [MarketResult.MARKET_CONNECTED]: "Connected",
};
const ACTIVATION: Record<number, string> = {
  [ActivationResult.CONNECTION_ACTIVATE_VALID]: "Valid",
  [ActivationResult.CONNECTION_ACTIVATE_INVALID]: "Invalid",
};

/**
 * The four ProfitDLL connection states, labelled, with the codes that mean "fine" (shared by Connection and Health).
 * Routing is up at 2 (routing server) or 5 (broker), as ProfitDLL's own client and the BFF's health check treat it.
 */
export type ProfitDllKey = "login" | "routing" | "marketData" | "activation";

export const profitDllRows: readonly {
  key: ProfitDllKey;
  label: string;
  names: Record<number, string>;
  ok: readonly number[];
}[] = [
  { key: "login", label: "Login", names: LOGIN, ok: [LoginResult.LOGIN_CONNECTED] },
  {
    key: "routing",
    label: "Routing",
    names: ROUTING,
    ok: [RoutingResult.ROTEAMENTO_CONNECTED, RoutingResult.ROTEAMENTO_BROKER_CONNECTED],
  },
  { key: "marketData", label: "Market data", names: MARKET, ok: [MarketResult.MARKET_CONNECTED] },
  {
    key: "activation",
    label: "Activation",
    names: ACTIVATION,
    ok: [ActivationResult.CONNECTION_ACTIVATE_VALID],
  },
];

/** "Connected (0)", "Broker connected (5)", "Unknown (42)", "No report yet". */
export function describeCode(names: Record<number, string>, code: number | null): string {
  if (code === null) return "No report yet";
  return `${names[code] ?? "Unknown"} (${code})`;
}

/** Whether a reported code is a healthy one for its row (no report yet is not flagged). */
export function isHealthyCode(row: { ok: readonly number[] }, code: number | null): boolean {
  return code === null || row.ok.includes(code);
}
