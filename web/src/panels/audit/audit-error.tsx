import { errorText } from "../../i18n/error-text.ts";
import { useT } from "../../i18n/use-t.ts";

interface AuditErrorProps {
  error: Error;
  onRetry(): void;
}

const statusOf = (err: unknown): number | undefined =>
  err && typeof err === "object" && "status" in err && typeof err.status === "number"
    ? err.status
    : undefined;
const codeOf = (err: unknown): string | undefined =>
  err && typeof err === "object" && "code" in err && typeof err.code === "string" ? err.code : undefined;

/**
 * Why the trail is not shown, with the BFF's error code for support: no access (403, nothing to retry), the audit
 * store unavailable (503), or anything else in the error's own words.
 */
export function AuditError({ error, onRetry }: AuditErrorProps) {
  const t = useT();
  const status = statusOf(error);
  const code = codeOf(error);
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
