import { assetKeySchema } from "@pregao/contracts";

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

export type RowsResult = { ok: true; value: Record<string, number> } | { ok: false; errors: string[] };

/**
 * The rows as the PUT's `maxPositionSize`, or one message per problem naming its row ("Row 2: …"). Fully empty rows
 * are skipped (a row just added and left blank is no error).
 */
export function validateRows(rows: readonly PositionLimitRow[]): RowsResult {
  const value: Record<string, number> = {};
  const firstRow = new Map<string, number>();
  const errors: string[] = [];
  rows.forEach((r, i) => {
    const n = i + 1;
    const asset = r.asset.trim().toUpperCase();
    const qty = r.qty.trim();
    if (asset === "" && qty === "") return;
    const where = `Row ${n}${asset ? ` (${asset})` : ""}`;
    if (!assetKeySchema.safeParse(asset).success)
      errors.push(`${where}: asset must be a ticker and exchange, e.g. PETR4:B or WINZ26:F`);
    else if (firstRow.has(asset)) errors.push(`${where}: ${asset} is already in row ${firstRow.get(asset)}`);
    else firstRow.set(asset, n);
    const q = Number(qty);
    if (!/^\d+$/.test(qty) || q < 1 || q > MAX_POSITION_LIMIT)
      errors.push(
        `${where}: quantity must be a whole number from 1 to ${MAX_POSITION_LIMIT.toLocaleString("pt-BR")}`,
      );
    else if (!(asset in value)) value[asset] = q;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** 24-hour HH:MM, the only form the server takes for trading hours. */
export const isHhmm = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/** A short label for the exchange's time zone (B3: BRT); other zones show as their IANA name. */
export const zoneLabel = (timezone: string): string => (timezone === "America/Sao_Paulo" ? "BRT" : timezone);
