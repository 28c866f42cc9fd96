import { permissionsOf, type AccountsResponse } from "@pregao/contracts";
import { brokerName } from "../../identity/brokers.ts";
import type { UserDirectory } from "../../identity/user.ts";
import { routeApp } from "../route-app.ts";
import { accountsDefs } from "./defs.ts";

export interface AccountsDeps {
  users: Pick<UserDirectory, "list">;
}

type Row = AccountsResponse["accounts"][number];

/** `GET /api/v1/accounts`: the caller's own accounts, or every user's with `accounts:read:all` (risk). */
export const accountsRoute = (deps: AccountsDeps) =>
  routeApp().openapi(accountsDefs.list, async (c) => {
    const { user } = c.get("session")!;
    const row =
      (owner: string) =>
      (a: { brokerId: number; accountId: string }): Row => ({
        ...a,
        owner,
        brokerName: brokerName(a.brokerId),
      });
    const accounts = permissionsOf(user.roles).includes("accounts:read:all")
      ? (await deps.users.list()).flatMap((u) => u.accounts.map(row(u.username)))
      : user.accounts.map(row(user.username));
    c.header("Cache-Control", "no-store");
    const body: AccountsResponse = { accounts };
    return c.json(body, 200);
  });
