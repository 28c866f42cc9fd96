import type { OrderLimits, OrderLimitsPatch } from "@pregao/contracts";

/** Short keys of the per-asset order-limit lines (`PETR4:B qty=5000 notional=2000000 collar=2 hard=5`). */
const KEYS = {
  qty: "maxOrderQty",
  notional: "maxOrderNotional",
  collar: "collarPct",
  hard: "hardCollarPct",
} as const satisfies Record<string, keyof OrderLimits>;
type ShortKey = keyof typeof KEYS;

/** The overrides risk has set, one asset per line, in the form `parseOrderLimits` reads. */
export function formatOrderLimits(limits: Record<string, Partial<OrderLimits>>): string {
  return Object.entries(limits)
    .map(([asset, l]) => {
      const parts = (Object.keys(KEYS) as ShortKey[]).flatMap((k) =>
        l[KEYS[k]] === undefined ? [] : [`${k}=${l[KEYS[k]]}`],
      );
      return [asset, ...parts].join(" ");
    })
    .join("\n");
}

/**
 * Parses per-asset order-limit lines into the PUT patch; assets that had overrides and are no longer listed are sent
 * as `null` (remove). A listed asset replaces its overrides (fields left out go back to the defaults), so each of its
 * fields is sent, the missing ones never. Returns null when a line is malformed.
 */
export function parseOrderLimits(
  text: string,
  before: Record<string, Partial<OrderLimits>>,
): Record<string, OrderLimitsPatch | null> | null {
  const out: Record<string, OrderLimitsPatch | null> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const [asset, ...parts] = line.split(/\s+/);
    if (!/^[A-Z0-9]+:[BF]$/i.test(asset!) || parts.length === 0) return null;
    const patch: Record<string, number> = {};
    for (const part of parts) {
      const m = /^(qty|notional|collar|hard)=(\d+(?:\.\d+)?)$/.exec(part);
      if (!m) return null;
      patch[KEYS[m[1] as ShortKey]] = Number(m[2]);
    }
    out[asset!.toUpperCase()] = patch;
  }
  for (const asset of Object.keys(before)) if (!(asset in out)) out[asset] = null;
  return out;
}
