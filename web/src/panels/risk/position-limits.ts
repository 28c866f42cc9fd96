import { assetKeySchema } from "@pregao/contracts";
import { t } from "../../i18n/i18n.ts";
import { formatQuantity } from "../../lib/format.ts";

/** One row of the per-asset position limits editor, as typed (validated on save). */
export interface PositionLimitRow {
  /** Stable React key; never shown. */
  id: number;
  asset: string;
  qty: string;
}

/** The server's bounds for a per-asset max position (updateRiskLimitsSchema). */
export const MAX_POSITION_LIMIT = 10_000_000;

let nextId = 1;
export const newRow = (asset = "", qty = ""): PositionLimitRow => ({ id: nextId++, asset, qty });

/** The rows of the limits risk has set, in asset order. */
export function rowsFromLimits(limits: Readonly<Record<string, number>>): PositionLimitRow[] {
  return Object.keys(limits)
    .sort()
    .map((asset) => newRow(asset, String(limits[asset])));
}

/** A message read when shown (so it speaks the language of that moment). */
export type RowError = () => string;
export type RowsResult = { ok: true; value: Record<string, number> } | { ok: false; errors: RowError[] };

/**
 * The rows as the PUT's `maxPositionSize`, or one message per problem naming its row ("Row 2: …"). Fully empty rows
 * are skipped (a row just added and left blank is no error).
 */
export function validateRows(rows: readonly PositionLimitRow[]): RowsResult {
  const value: Record<string, number> = {};
  const firstRow = new Map<string, number>();
  const errors: RowError[] = [];
  rows.forEach((r, i) => {
    const n = i + 1;
    const asset = r.asset.trim().toUpperCase();
    const qty = r.qty.trim();
    if (asset === "" && qty === "") return;
    const where = () => (asset ? t("risk.rowWithAsset", { n, asset }) : t("risk.row", { n }));
    const first = firstRow.get(asset);
    if (!assetKeySchema.safeParse(asset).success) errors.push(() => t("risk.badAsset", { where: where() }));
    else if (first !== undefined)
      errors.push(() => t("risk.duplicateAsset", { where: where(), asset, first }));
    else firstRow.set(asset, n);
    const q = Number(qty);
    if (!/^\d+$/.test(qty) || q < 1 || q > MAX_POSITION_LIMIT)
      errors.push(() => t("risk.badQuantity", { where: where(), max: formatQuantity(MAX_POSITION_LIMIT) }));
    else if (!(asset in value)) value[asset] = q;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** 24-hour HH:MM, the only form the server takes for trading hours. */
export const isHhmm = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/** A short label for the exchange's time zone (B3: BRT); other zones show as their IANA name. */
export const zoneLabel = (timezone: string): string => (timezone === "America/Sao_Paulo" ? "BRT" : timezone);
