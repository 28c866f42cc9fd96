import type { Position } from "@pregao/contracts";

export interface MarkedPosition {
  key: string;
  position: Position;
  /** The live last trade, or the BFF's mark when no quote arrived yet. */
  last: number | null;
  unrealized: number;
  total: number;
}

/**
 * Mark a position to the live quote: (last − average) × net quantity × contract multiplier. Without a live price the
 * BFF's own unrealised figure stands.
 */
export function markPosition(
  p: Position,
  liveLast: number | null | undefined,
  multiplier: number,
): MarkedPosition {
  const last = liveLast ?? p.marketPrice;
  const unrealized =
    last !== null && p.averagePrice !== null && p.netQuantity !== 0
      ? (last - p.averagePrice) * p.netQuantity * multiplier
      : p.netQuantity === 0
        ? 0
        : p.unrealizedPnl;
  return {
    key: `${p.account.brokerId}:${p.account.accountId}:${p.asset}`,
    position: p,
    last,
    unrealized,
    total: p.realizedPnl + unrealized,
  };
}

export function totals(rows: readonly MarkedPosition[]): {
  realized: number;
  unrealized: number;
  total: number;
} {
  let realized = 0;
  let unrealized = 0;
  for (const r of rows) {
    realized += r.position.realizedPnl;
    unrealized += r.unrealized;
  }
  return { realized, unrealized, total: realized + unrealized };
}
