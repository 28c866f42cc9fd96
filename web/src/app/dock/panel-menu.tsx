import { useEffect, useId, useRef, useState } from "react";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import type { PanelEntry } from "../panel-registry.ts";
import { useT } from "../../i18n/use-t.ts";

interface PanelMenuProps {
  /** The panel types this session may see, in registry order. */
  entries: readonly PanelEntry[];
  onAdd(entry: PanelEntry): void;
  onReset(): void;
}

/** The toolbar above the dock: "Add panel" (a menu of the panel types this session may see) and "Reset layout". */
export function PanelMenu({ entries, onAdd, onReset }: PanelMenuProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const menuId = useId();
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: PointerEvent) => {
      const target = e.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", close, true);
    return () => document.removeEventListener("pointerdown", close, true);
  }, [open]);

  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="dock-toolbar" role="toolbar" aria-label={t("dock.layout")}>
      <div className="dock-menu-anchor">
        <button
          ref={button}
          type="button"
          className="btn"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          {t("dock.addPanel")}
        </button>
        {open && (
          <div
            ref={menu}
            id={menuId}
            role="menu"
            aria-label={t("dock.addPanel")}
            className="dock-menu"
            onKeyDown={onMenuKey}
          >
            {entries.map((entry) => (
              <button
                key={entry.id}
                type="button"
                role="menuitem"
                className="dock-menu-item"
                onClick={() => {
                  setOpen(false);
                  onAdd(entry);
                }}
              >
                {entry.title}
              </button>
            ))}
          </div>
        )}
      </div>
      <button type="button" className="btn" onClick={() => setConfirming(true)}>
        {t("dock.resetLayout")}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t("dock.resetTitle")}
          confirmLabel={t("dock.resetLayout")}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onReset();
          }}
        >
          {t("dock.resetBody")}
        </ConfirmDialog>
      )}
    </div>
  );
}
