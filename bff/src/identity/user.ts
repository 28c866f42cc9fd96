import type { AccountRef, Role, SessionUser } from "@pregao/contracts";

/** A local user as the file store keeps it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  accounts: AccountRef[];
  passwordHash: string;
}

/** Lookup and persistence of local users. */
export interface UserDirectory {
  findByUsername(username: string): Promise<User | null>;
  get(id: string): Promise<User | null>;
  list(): Promise<User[]>;
  upsert(user: User): Promise<void>;
  remove(username: string): Promise<boolean>;
}

/** What a session carries about its user (never the password hash). */
export function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    accounts: user.accounts.map((a) => ({ ...a })),
  };
}
