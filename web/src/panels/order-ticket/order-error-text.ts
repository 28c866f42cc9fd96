import { priceCollarDetailsSchema, type PriceCollarDetails } from "@pregao/contracts";
import { orderErrorParamsText } from "../../i18n/error-text.ts";
import { ApiError } from "../../lib/api-client.ts";
import { orderErrorText } from "../../lib/trading.ts";

export { collarSentence } from "../../i18n/error-text.ts";

/**
 * What the trader reads for a refused order, from the error's `code` + `field` + `details` in the user's language and
 * number format (pt-BR `10.000.100`, `R$ 374.000.000,00`; en `10,000,100`) — the server's own message prints numbers
 * its way. Codes and shapes with no parameters get the code's message (i18n/error-text.ts).
 */
export function describeOrderError(err: unknown, tickSize: number | undefined): string {
  if (!(err instanceof ApiError)) return orderErrorText(err);
  return orderErrorParamsText(err, tickSize) ?? orderErrorText(err);
}

/** The 428 a second confirmation can clear: `CONFIRMATION_REQUIRED` with a `PRICE_COLLAR` rule; else null. */
export function collarConfirmation(err: unknown): PriceCollarDetails | null {
  if (!(err instanceof ApiError) || err.code !== "CONFIRMATION_REQUIRED") return null;
  const d = priceCollarDetailsSchema.safeParse(err.details);
  return d.success && d.data.rule === "PRICE_COLLAR" ? d.data : null;
}
