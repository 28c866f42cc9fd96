import { useEffect, useRef, type ReactNode } from "react";
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

/**
 * A small modal: focus moves into it, Esc cancels, Tab stays inside. Rendered inline (no portal) so it sits above
 * its panel; `aria-modal` tells assistive tech the rest is inert.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, confirmDisabled, danger, onConfirm, onCancel } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    const first = el?.querySelector<HTMLElement>("input, textarea, button:not([disabled])");
    first?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h3 className="dialog-title">{title}</h3>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
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
