import { useEffect, useEffectEvent } from "react";
import type { OrderSide } from "@pregao/contracts";
import type { TKey } from "../../i18n/i18n.ts";

/** The ticket's keyboard shortcuts (actions are catalog keys); shown in the panel's help and in docs/trading.md. */
export const TICKET_SHORTCUTS = [
  { keys: "F2", action: "ticket.shortcut.focus" },
  { keys: "Alt+B", action: "ticket.shortcut.buy" },
  { keys: "Alt+S", action: "ticket.shortcut.sell" },
  { keys: "↑ / ↓", action: "ticket.shortcut.tick" },
  { keys: "Shift+↑ / ↓", action: "ticket.shortcut.tenTicks" },
  { keys: "Esc", action: "ticket.shortcut.clear" },
] as const satisfies readonly { keys: string; action: TKey }[];

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
