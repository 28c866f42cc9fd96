import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import { createPortal } from "react-dom";
import { useT } from "../i18n/use-t.ts";
import { LINK_GROUPS, usePanelLinkGroup, useSetLinkGroup, type LinkGroup } from "./link-groups.ts";
import "./link-group-picker.css";

const CHOICES: readonly (LinkGroup | undefined)[] = [undefined, ...LINK_GROUPS];
const nameOf = (group: LinkGroup | undefined): LinkGroup | "none" => group ?? "none";

/** Where the menu opens: under the button, in the viewport (the tab strip clips overflow). */
function menuPosition(button: HTMLElement | null): CSSProperties {
  const r = button?.getBoundingClientRect();
  return r ? { position: "fixed", top: r.bottom + 2, left: r.left } : {};
}

/**
 * The link group's colour beside a panel's tab title. Decorative: a tab (`role="tab"`) can hold no control of its own,
 * so the named, operable picker sits in the group's header, for its front panel (dock/group-actions.tsx).
 */
export function LinkGroupSwatch({ panelId }: { panelId: string }) {
  const t = useT();
  const group = usePanelLinkGroup(panelId);
  return (
    <span
      className={`link-swatch link-${nameOf(group)}`}
      aria-hidden="true"
      title={t("linkGroup.button", { group: t(`linkGroup.names.${nameOf(group)}` as const) })}
    />
  );
}

/**
 * The link-group button of a panel (in its group's header): the group's colour and name (not colour alone), and a menu to move the
 * panel into another group or unlink it. Joining a group takes that group's asset.
 */
export function LinkGroupPicker({ panelId }: { panelId: string }) {
  const t = useT();
  const label = (g: LinkGroup | undefined): string => t(`linkGroup.names.${nameOf(g)}` as const);
  const group = usePanelLinkGroup(panelId);
  const setGroup = useSetLinkGroup(panelId);
  const [open, setOpen] = useState(false);
  // Where the menu goes: the body of the button's own document (a tab may sit in a pop-out window), and where in it.
  const [place, setPlace] = useState<{ root: HTMLElement; style: CSSProperties } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useLayoutEffect(() => {
    const root = button.current?.ownerDocument.body;
    setPlace(open && root ? { root, style: menuPosition(button.current) } : null);
  }, [open]);
  useLayoutEffect(() => {
    if (place) menu.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
  }, [place]);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      const target = e.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    const closeOnResize = () => setOpen(false);
    // The tab may sit in a pop-out window: listen on the document and window it is in.
    const doc = button.current?.ownerDocument ?? document;
    const win = doc.defaultView ?? window;
    doc.addEventListener("pointerdown", close, true);
    win.addEventListener("resize", closeOnResize);
    return () => {
      doc.removeEventListener("pointerdown", close, true);
      win.removeEventListener("resize", closeOnResize);
    };
  }, [open]);

  const choose = (next: LinkGroup | undefined) => {
    setOpen(false);
    button.current?.focus();
    if (next !== group) setGroup(next);
  };

  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []);
    const at = items.indexOf(menu.current?.ownerDocument.activeElement as HTMLElement);
    const move = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === "Escape" || e.key === "Tab") {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "ArrowDown") move(at + 1);
    else if (e.key === "ArrowUp") move(at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(items.length - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    // The tab strip drags and activates on pointer down; the picker is a control of its own.
    <span
      className="link-picker"
      onPointerDown={(e) => e.stopPropagation()}
      onMouseDown={(e) => e.stopPropagation()}
    >
      <button
        ref={button}
        type="button"
        className={`link-picker-button link-${nameOf(group)}`}
        aria-label={t("linkGroup.button", { group: label(group) })}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={t("linkGroup.tooltip")}
        onClick={(e) => {
          e.stopPropagation();
          setOpen((o) => !o);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="link-swatch" aria-hidden="true" />
        <span className="link-name">{label(group)}</span>
      </button>
      {open &&
        place &&
        createPortal(
          <div
            ref={menu}
            id={menuId}
            role="menu"
            aria-label={t("linkGroup.menu")}
            className="link-picker-menu"
            style={place.style}
            onKeyDown={onMenuKey}
          >
            {CHOICES.map((choice) => (
              <button
                key={nameOf(choice)}
                type="button"
                role="menuitemradio"
                aria-checked={choice === group}
                tabIndex={-1}
                className={`link-picker-item link-${nameOf(choice)}`}
                onClick={() => choose(choice)}
              >
                <span className="link-swatch" aria-hidden="true" />
                {label(choice)}
              </button>
            ))}
          </div>,
          place.root,
        )}
    </span>
  );
}
