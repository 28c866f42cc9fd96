import { useEffect, useId, useRef, type ReactNode } from "react";
import { useT } from "../i18n/use-t.ts";
import "./controls.css";

interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Disables the confirm button (e.g. until a reason is typed). */
  confirmDisabled?: boolean;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

const FOCUSABLE = "input, textarea, select, button:not([disabled])";

/**
 * A small modal: focus moves into it (the first control — Cancel, when there is no field: the safe default), Esc
 * cancels, Tab and Shift+Tab cycle inside, and focus goes back where it was on close. Rendered inline (no portal) so
 * it sits above its panel; `aria-modal` tells assistive tech the rest is inert, and the body describes the dialog.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, confirmDisabled, danger, onConfirm, onCancel } = props;
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const bodyId = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const trapTab = (e: React.KeyboardEvent) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        aria-describedby={children ? bodyId : undefined}
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onCancel();
          } else if (e.key === "Tab") trapTab(e);
        }}
      >
        <h3 className="dialog-title">{title}</h3>
        <div className="dialog-body" id={bodyId}>
          {children}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={danger ? "btn btn-danger" : "btn btn-primary"}
            disabled={confirmDisabled}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
