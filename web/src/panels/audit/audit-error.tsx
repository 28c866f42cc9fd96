import { errorText } from "../../i18n/error-text.ts";
import { useT } from "../../i18n/use-t.ts";
import { ApiError } from "../../lib/api-client.ts";

interface AuditErrorProps {
  error: Error;
  onRetry(): void;
}

/**
 * Why the trail is not shown, with the BFF's error code for support: no access (403, nothing to retry), the audit
 * store unavailable (503), or anything else in the error's own words.
 */
export function AuditError({ error, onRetry }: AuditErrorProps) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : undefined;
  const code = error instanceof ApiError ? error.code : undefined;
  const text =
    status === 403
      ? t("audit.forbidden")
      : status === 503
        ? t("audit.unavailable")
        : t("audit.loadFailed", { message: errorText(error) });
  return (
    <div className="panel-alert audit-error" role="alert">
      <span>{text}</span>
      {code && <span className="audit-code">{t("audit.errorCode", { code })}</span>}
      {status !== 403 && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
