import type { AccountsResponse } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";

type Account = AccountsResponse["accounts"][number];

interface AccountsTableProps {
  accounts: readonly Account[];
  /** Risk's view: every account with its owner, read-only. */
  all: boolean;
}

/** Accounts as ProfitDLL names them (broker id + account id). The caption is the table's accessible name. */
export function AccountsTable({ accounts, all }: AccountsTableProps) {
  const t = useT();
  const caption = all ? t("accounts.captionAll") : t("accounts.captionOwn");
  return (
    <table className="acc-table">
      <caption className="acc-caption">{caption}</caption>
      <thead>
        <tr>
          {all && <th scope="col">{t("accounts.owner")}</th>}
          <th scope="col">{t("accounts.broker")}</th>
          <th scope="col" className="num">
            {t("accounts.brokerId")}
          </th>
          <th scope="col">{t("accounts.account")}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr key={`${a.brokerId}:${a.accountId}`}>
            {all && <td>{a.owner}</td>}
            <td>{a.brokerName}</td>
            <td className="num">{a.brokerId}</td>
            <td className="acc-id">{a.accountId}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
