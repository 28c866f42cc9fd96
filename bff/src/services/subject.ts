import type { SessionUser } from "@pregao/contracts";
import type { TokenSubject } from "./token-minter.ts";

/** The service token's subject for the session user: id, roles, accounts. */
export const subjectOf = (user: SessionUser): TokenSubject => ({
  sub: user.id,
  roles: user.roles,
  accounts: user.accounts,
});
