import type { FallbackProps } from "react-error-boundary";
import { errorText } from "../i18n/error-text.ts";
import { useT } from "../i18n/use-t.ts";

/** Thrown (wrapped) when a panel's lazy chunk cannot be fetched, so the fallback can say "failed to load". */
export class PanelLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "PanelLoadError";
  }
}

interface PanelErrorFallbackProps extends FallbackProps {
  title: string;
}

/** What a panel shows instead of itself after it throws: which panel, why, and a way back. */
export function PanelErrorFallback({ title, error, resetErrorBoundary }: PanelErrorFallbackProps) {
  const t = useT();
  const failedToLoad = error instanceof PanelLoadError;
  const message = errorText(error);
  return (
    <div className="panel-error" role="alert">
      <p className="panel-error-title">
        {failedToLoad ? t("panel.failedToLoad", { title }) : t("panel.crashed", { title })}
      </p>
      <p className="panel-error-message">{message}</p>
      <button type="button" className="button" onClick={resetErrorBoundary}>
        {t("panel.reload")}
      </button>
    </div>
  );
}
