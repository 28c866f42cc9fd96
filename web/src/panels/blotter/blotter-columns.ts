import type { TimeInForce } from "@pregao/contracts";
import { tKey, type TKey } from "../../i18n/i18n.ts";

export interface BlotterColumn {
  key: string;
  /** In the user's language (a getter over the catalog). */
  readonly label: string;
  /** Sets the width (blotter.css) and the alignment (`num`). */
  className: string;
  /** What an abbreviated header means. */
  readonly title?: string;
}

/** A column whose label (and abbreviation's meaning) are read from the catalog at display time. */
const column = (key: string, className: string, titleKey?: TKey): BlotterColumn => ({
  key,
  className,
  get label() {
    return tKey(`blotter.columns.${key}` as TKey);
  },
  get title() {
    return titleKey ? tKey(titleKey) : undefined;
  },
});

/**
 * The blotter's columns, in order. Widths live in blotter.css (`bl-c-*`) and are sized for their longest value
 * (asset "WINZ26:F", quantities to 10 000 000, the order ID); the table keeps a minimum width and scrolls sideways
 * inside its panel rather than clipping, and the reason takes the rest (full text in its tooltip).
 */
export const BLOTTER_COLUMNS: readonly BlotterColumn[] = [
  // Cancel first and the IDs last: in a narrow panel what scrolls out of view is what is needed least.
  column("actions", "bl-c-act"),
  column("time", "num bl-c-time"),
  column("asset", "bl-c-asset"),
  column("side", "bl-c-side"),
  column("type", "bl-c-type"),
  column("qty", "num bl-c-qty"),
  column("filled", "num bl-c-qty"),
  column("price", "num bl-c-px"),
  column("stop", "num bl-c-px", "blotter.columnTitles.stop"),
  column("avg", "num bl-c-px", "blotter.columnTitles.avg"),
  column("validity", "bl-c-tif", "blotter.columnTitles.validity"),
  column("status", "bl-c-status"),
  column("reason", "bl-c-reason"),
  column("order", "bl-c-id"),
  column("account", "bl-c-acc"),
];

/** Time in force as the trader reads it (the code stays in the cell; this is its tooltip). */
export const validityName = (tif: TimeInForce): string => tKey(`blotter.validity.${tif}`);
