import {
  connStateKeys,
  connStateResults,
  isHealthyConnState,
  type ConnStateKey,
  type ConnStateResultKey,
} from "@pregao/contracts";
import type { en } from "../i18n/catalog-en.ts";
import { t, tKey, type TKey } from "../i18n/i18n.ts";

/**
 * Labels in the user's language, read at display time (getters: a language switch shows through on the next render).
 * The contracts and the wire stay English; these are the words on screen.
 */
function translated<K extends string | number>(keys: Record<K, TKey>): Readonly<Record<K, string>> {
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

/**
 * Catalog section holding the words for each ProfitDLL connection's results (`feed.<section>.<result key>`): the
 * codes and their keys are contracts' (`connStateResults`); only the words live here, in the i18n catalogs.
 */
const RESULT_SECTIONS = {
  login: "login",
  routing: "routing",
  marketData: "market",
  activation: "activation",
} as const satisfies Record<ConnStateKey, keyof typeof en.feed>;
type Section<K extends ConnStateKey> = (typeof RESULT_SECTIONS)[K];

/** The catalog key of every result of every connection, derived from the contracts' keys. */
type ResultLabelKey = { [K in ConnStateKey]: `feed.${Section<K>}.${ConnStateResultKey<K>}` }[ConnStateKey];
/** Contracts' result keys a section has no word for, and words for results the contracts do not name. */
type LabelGaps = {
  [K in ConnStateKey]:
    | Exclude<ConnStateResultKey<K>, keyof (typeof en.feed)[Section<K>]>
    | Exclude<keyof (typeof en.feed)[Section<K>], ConnStateResultKey<K>>;
}[ConnStateKey];
/**
 * Compile-time: a result the contracts add without a word in the catalog (or a word left for a result they dropped)
 * fails `tsc` here; pt-BR is typed against en, so it follows.
 */
export const everyResultHasALabel: [LabelGaps] extends [never]
  ? ResultLabelKey extends TKey
    ? true
    : ResultLabelKey
  : LabelGaps = true;

/** Translated words for one connection's result codes, keyed by code (getters: a language switch shows through). */
function resultNames(key: ConnStateKey): Readonly<Record<number, string>> {
  const keys: Record<number, TKey> = {};
  for (const [code, result] of Object.entries(connStateResults[key]))
    keys[Number(code)] = `feed.${RESULT_SECTIONS[key]}.${result}` as ResultLabelKey;
  return translated(keys);
}

/** Row titles per connection (`feed.rows.<key>`), typed over the contracts' keys. */
const ROW_LABELS: Record<ConnStateKey, TKey> = {
  login: "feed.rows.login",
  routing: "feed.rows.routing",
  marketData: "feed.rows.marketData",
  activation: "feed.rows.activation",
};

/** Which connection a row reports (the contracts' `ConnStateKey`, also `feed:status` `profitDll`'s fields). */
export type ProfitDllKey = ConnStateKey;

/**
 * The four ProfitDLL connection states, labelled, with the codes that mean "fine" (shared by Connection and Health;
 * both from the contracts' tables: routing is up at 2 or 5, as the BFF's health check says too).
 */
export const profitDllRows: readonly {
  key: ProfitDllKey;
  /** In the user's language (a getter). */
  readonly label: string;
  names: Readonly<Record<number, string>>;
  ok: readonly number[];
}[] = connStateKeys.map((key) => ({
  key,
  get label() {
    return tKey(ROW_LABELS[key]);
  },
  names: resultNames(key),
  ok: Object.keys(connStateResults[key])
    .map(Number)
    .filter((code) => isHealthyConnState(key, code)),
}));

/** "Connected (0)", "Broker connected (5)", "Unknown (42)", "No report yet". */
export function describeCode(names: Readonly<Record<number, string>>, code: number | null): string {
  if (code === null) return t("feed.noReport");
  return t("feed.code", { name: names[code] ?? t("feed.unknown"), code });
}

/** Whether a reported code is a healthy one for its row (no report yet is not flagged). */
export function isHealthyCode(row: { ok: readonly number[] }, code: number | null): boolean {
  return code === null || row.ok.includes(code);
}
