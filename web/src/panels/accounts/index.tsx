import { useQuery } from "@tanstack/react-query";
import { can, sessionQueryOptions } from "../../lib/session.ts";
import { AccountsTable } from "./accounts-table.tsx";
import { accountsQueryOptions } from "./api.ts";
import "./accounts.css";

/** The user's broker accounts (trader), or every account read-only (risk). */
export default function AccountsPanel() {
  const session = useQuery(sessionQueryOptions());
  const accounts = useQuery(accountsQueryOptions());
  const all = can(session.data, "accounts:read:all");

  if (accounts.isPending) {
    return (
      <p className="acc-message" role="status">
        Loading accounts…
      </p>
    );
  }
  if (accounts.isError) {
    const forbidden = "status" in accounts.error && accounts.error.status === 403;
    return (
      <div className="acc-message acc-error" role="alert">
        <span>
          {forbidden ? "You may not see accounts" : `Could not load accounts: ${accounts.error.message}`}
        </span>
        {!forbidden && (
          <button type="button" className="button" onClick={() => void accounts.refetch()}>
            Retry
          </button>
        )}
      </div>
    );
  }
  if (accounts.data.length === 0)
    return <p className="acc-message">No broker accounts linked to this user</p>;
  return <AccountsTable accounts={accounts.data} all={all} />;
}
