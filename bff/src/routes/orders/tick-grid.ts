import { toTicks, type SubmitOrder } from "@pregao/contracts";
import { HttpError } from "../../lib/http-error.ts";

/** What the order route needs of the instrument catalog: an asset's tick size, when the feed has listed it. */
export type TickSizeOf = (asset: string) => number | undefined;

/**
 * Refuses a price or stop price off the instrument's tick grid before the order manager is called, in whole ticks
 * (`toTicks`: no float tolerance, so 33.50000001 is off a 0.01 grid). An asset the catalog does not know yet is left
 * to the order manager, which checks again against its own instrument (defence in depth, one definition of the grid).
 */
export function assertOnTickGrid(order: SubmitOrder, tickSizeOf: TickSizeOf): void {
  const tickSize = tickSizeOf(order.asset);
  if (tickSize === undefined) return;
  for (const field of ["price", "stopPrice"] as const) {
    const price = order[field];
    if (price !== undefined && toTicks(price, tickSize) === null)
      throw new HttpError(
        400,
        "VALIDATION_FAILED",
        `${field} must be a whole number of ticks of ${tickSize}`,
        field,
        {
          tickSize,
        },
      );
  }
}
