import { z } from "zod";
import { keyOfCode, keyToCode, type CodeTable } from "./code-table.ts";

/**
 * ProfitDLL `TStateCallback(nConnStateType, nResult)`: the one table of its codes (MAN §1.2). Codes travel verbatim
 * on the feed; everyone else names a code by its key (the BFF's status and health checks, the simulator, the web's
 * labels, whose words live in the web's i18n catalogs under the same keys).
 */

/** `nConnStateType` → key. */
export const connStateTypes = { 0: "login", 1: "routing", 2: "marketData", 3: "activation" } as const;
/** A ProfitDLL `nConnStateType` code. */
export type ConnStateType = keyof typeof connStateTypes;
/** Which connection a state reports: login server, routing server, market data server, activation. */
export type ConnStateKey = (typeof connStateTypes)[ConnStateType];

/** `nResult` → key, per connection. */
export const connStateResults = {
  /** `CONNECTION_STATE_LOGIN`. */
  login: {
    0: "connected",
    1: "invalid",
    2: "invalidPass",
    3: "blockedPass",
    4: "expiredPass",
    200: "unknownErr",
  },
  /** `CONNECTION_STATE_ROTEAMENTO` (routing). */
  routing: {
    0: "disconnected",
    1: "connecting",
    2: "connected",
    3: "brokerDisconnected",
    4: "brokerConnecting",
    5: "brokerConnected",
  },
  /** `CONNECTION_STATE_MARKET_DATA`. */
  marketData: { 0: "disconnected", 1: "connecting", 2: "waiting", 3: "notLogged", 4: "connected" },
  /** `CONNECTION_STATE_MARKET_LOGIN` (activation). */
  activation: { 0: "valid", 1: "invalid" },
} as const satisfies Record<ConnStateKey, Readonly<Record<number, string>>>;

/** The named `nResult` codes of one connection. */
export type ConnStateCode<K extends ConnStateKey> = keyof (typeof connStateResults)[K];
/** The keys of one connection's results, e.g. `"brokerConnected"` for routing. */
export type ConnStateResultKey<K extends ConnStateKey> = (typeof connStateResults)[K][ConnStateCode<K>] &
  string;

/**
 * Results that mean the connection is fine. Routing is up at `connected` (routing server) or `brokerConnected`, as
 * ProfitDLL's own Delphi client treats it; a session is healthy when all four are (MAN).
 */
export const healthyConnStates: { readonly [K in ConnStateKey]: readonly ConnStateResultKey<K>[] } = {
  login: ["connected"],
  routing: ["connected", "brokerConnected"],
  marketData: ["connected"],
  activation: ["valid"],
};

/** One result per connection, by key. */
export type ConnSession = { readonly [K in ConnStateKey]: ConnStateResultKey<K> };

/** A fully connected session, result by key (what a bridge reports once logged in with the broker up). */
export const connectedSession: ConnSession = {
  login: "connected",
  routing: "brokerConnected",
  marketData: "connected",
  activation: "valid",
};

/** Every `nConnStateType`, in code order. */
export const connStateTypeCodes = Object.keys(connStateTypes).map(Number) as ConnStateType[];
/** Every connection key, in `nConnStateType` order. */
export const connStateKeys: readonly ConnStateKey[] = connStateTypeCodes.map((t) => connStateTypes[t]);

/** The key of `code` for connection `key`; undefined for a code the manual does not name. */
export function connStateResultKey<K extends ConnStateKey>(
  key: K,
  code: number,
): ConnStateResultKey<K> | undefined {
  return keyOfCode<CodeTable>(connStateResults[key], code) as ConnStateResultKey<K> | undefined;
}

/** The code of result `result` for connection `key` (the inverse of `connStateResultKey`). */
export function connStateCode<K extends ConnStateKey>(key: K, result: ConnStateResultKey<K>): number {
  const codes = keyToCode<CodeTable>(connStateResults[key]) as Readonly<Record<string, number>>;
  return codes[result as string]!;
}

/** Every connection's code in `session`, e.g. `connectedSession` → `{ login: 0, routing: 5, marketData: 4, activation: 0 }`. */
export function sessionCodes(session: ConnSession): Readonly<Record<ConnStateKey, number>> {
  const codeOf = connStateCode as (key: ConnStateKey, result: string) => number;
  return Object.fromEntries(connStateKeys.map((k) => [k, codeOf(k, session[k])])) as Record<
    ConnStateKey,
    number
  >;
}

/** Whether `code` is a healthy result for connection `key` (unknown codes are not). */
export function isHealthyConnState(key: ConnStateKey, code: number): boolean {
  const result = connStateResultKey(key, code);
  return result !== undefined && (healthyConnStates[key] as readonly string[]).includes(result);
}

/** `nConnStateType` on the wire: one of the table's codes. */
export const connStateTypeSchema = z.literal(connStateTypeCodes);

/** Last `nResult` per connection as the BFF reports it; null before the first report. */
export const profitDllStatesSchema = z.object(
  Object.fromEntries(connStateKeys.map((k) => [k, z.number().int().nullable()])) as Record<
    ConnStateKey,
    z.ZodNullable<z.ZodNumber>
  >,
);
export type ProfitDllStates = z.infer<typeof profitDllStatesSchema>;
