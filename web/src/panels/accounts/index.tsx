import { useQuery } from "@tanstack/react-query";
import { errorText } from "../../i18n/error-text.ts";
import { useT } from "../../i18n/use-t.ts";
import { can, sessionQueryOptions } from "../../lib/session.ts";
import { AccountsTable } from "./accounts-table.tsx";
import { accountsQueryOptions } from "./api.ts";
import "./accounts.css";

/** The user's broker accounts (trader), or every account read-only (risk). */
export default function AccountsPanel() {
  const t = useT();
  const session = useQuery(sessionQueryOptions());
  const accounts = useQuery(accountsQueryOptions());
  const all = can(session.data, "accounts:read:all");

  if (accounts.isPending) {
    return (
      <p className="acc-message" role="status">
        {t("accounts.loading")}
      </p>
    );
  }
  if (accounts.isError) {
    const forbidden = "status" in accounts.error && accounts.error.status === 403;
    return (
      <div className="acc-message acc-error" role="alert">
        <span>
          {forbidden
            ? t("accounts.forbidden")
            : t("accounts.loadFailed", { message: errorText(accounts.error) })}
        </span>
        {!forbidden && (
          <button type="button" className="button" onClick={() => void accounts.refetch()}>
            {t("common.retry")}
          </button>
        )}
      </div>
    );
  }
  if (accounts.data.length === 0) return <p className="acc-message">{t("accounts.none")}</p>;
  return <AccountsTable accounts={accounts.data} all={all} />;
}
