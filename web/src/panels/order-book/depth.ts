import type { BookLevel } from "@pregao/contracts";

export interface DepthRow {
  price: number;
  quantity: number;
  count: number;
  /** Quantity from the top of this side down to and including this level. */
  cumulative: number;
}

export const DEPTH_LEVELS = 10;

/** Top `levels` of one side (position 0 = best), with running cumulative quantity. */
export function withCumulative(levels: readonly BookLevel[], max = DEPTH_LEVELS): DepthRow[] {
  let running = 0;
  return levels.slice(0, max).map((l) => {
    running += l.quantity;
    return { price: l.price, quantity: l.quantity, count: l.count, cumulative: running };
  });
}
