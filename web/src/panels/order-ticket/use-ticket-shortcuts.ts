import { useEffect, useEffectEvent } from "react";
import type { OrderSide } from "@pregao/contracts";

/** The ticket's keyboard shortcuts; shown in the panel's help and in docs/trading.md. */
export const TICKET_SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: "F2", action: "Focus the ticket (quantity)" },
  { keys: "Alt+B", action: "Buy (asks to confirm above the notional limit)" },
  { keys: "Alt+S", action: "Sell (asks to confirm above the notional limit)" },
  { keys: "↑ / ↓", action: "Price or stop price one tick up / down" },
  { keys: "Shift+↑ / ↓", action: "Ten ticks" },
  { keys: "Esc", action: "Clear the ticket (or close the dialog)" },
];

interface ShortcutHandlers {
  focus(): void;
  side(side: OrderSide): void;
}

/**
 * Page-wide F2 / Alt+B / Alt+S. Alt+letter is a deliberate chord (a stray keypress in a field cannot send an order);
 * matched on `code` so keyboard layouts and macOS Option characters do not matter.
 */
export function useTicketShortcuts(handlers: ShortcutHandlers): void {
  const focus = useEffectEvent(() => handlers.focus());
  const side = useEffectEvent((s: OrderSide) => handlers.side(s));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "F2" && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        focus();
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (e.code === "KeyB") {
        e.preventDefault();
        side("BUY");
      } else if (e.code === "KeyS") {
        e.preventDefault();
        side("SELL");
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
