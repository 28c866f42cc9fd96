import type { TimeInForce } from "@pregao/contracts";

export interface BlotterColumn {
  key: string;
  label: string;
  /** Sets the width (blotter.css) and the alignment (`num`). */
  className: string;
  /** What an abbreviated header means. */
  title?: string;
}

/**
 * The blotter's columns, in order. Widths live in blotter.css (`bl-c-*`) and are sized for their longest value
 * (asset "WINZ26:F", quantities to 10 000 000, the order ID); the table keeps a minimum width and scrolls sideways
 * inside its panel rather than clipping, and the reason takes the rest (full text in its tooltip).
 */
export const BLOTTER_COLUMNS: readonly BlotterColumn[] = [
  // Cancel first and the IDs last: in a narrow panel what scrolls out of view is what is needed least.
  { key: "actions", label: "Actions", className: "bl-c-act" },
  { key: "time", label: "Time", className: "num bl-c-time" },
  { key: "asset", label: "Asset", className: "bl-c-asset" },
  { key: "side", label: "Side", className: "bl-c-side" },
  { key: "type", label: "Type", className: "bl-c-type" },
  { key: "qty", label: "Qty", className: "num bl-c-qty" },
  { key: "filled", label: "Filled", className: "num bl-c-qty" },
  { key: "price", label: "Price", className: "num bl-c-px" },
  { key: "stop", label: "Stop", className: "num bl-c-px", title: "Stop price (stop-limit orders)" },
  { key: "avg", label: "Avg", className: "num bl-c-px", title: "Average fill price" },
  { key: "validity", label: "Validity", className: "bl-c-tif", title: "Time in force" },
  { key: "status", label: "Status", className: "bl-c-status" },
  { key: "reason", label: "Reason", className: "bl-c-reason" },
  { key: "order", label: "Order", className: "bl-c-id" },
  { key: "account", label: "Account", className: "bl-c-acc" },
];

/** Time in force as the trader reads it (the code stays in the cell; this is its tooltip). */
export const VALIDITY_NAMES: Record<TimeInForce, string> = {
  DAY: "Day: expires at the end of the session",
  GTC: "Good till cancelled",
  IOC: "Immediate or cancel: the rest is cancelled at once",
  FOK: "Fill or kill: all at once or nothing",
};
