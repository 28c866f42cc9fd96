import { z } from "zod";

/**
 * An asset key `TICKER:EXCHANGE` as ProfitDLL identifies it: `PETR4:B` (Bovespa), `WINZ26:F` (BMF).
 * Exchange is the single `gc_bv*` letter.
 */
export const assetKeySchema = z
  .string()
  .regex(/^[A-Z0-9]{3,12}:[A-Z]$/, "asset must be TICKER:EXCHANGE, e.g. PETR4:B or WINZ26:F");
export type AssetKey = z.infer<typeof assetKeySchema>;

/** Splits `PETR4:B` into its ticker and exchange letter. */
export function parseAssetKey(key: AssetKey): { ticker: string; exchange: string } {
  const i = key.lastIndexOf(":");
  return { ticker: key.slice(0, i), exchange: key.slice(i + 1) };
}
