import { sql, type ColumnType, type Generated, type Kysely, type Selectable } from "kysely";
import type { Database } from "../db/database.ts";
import { InvalidUserError, UsernameTakenError } from "./user-errors.ts";
import { userSchema } from "./user-schema.ts";
import type { User, UserDirectory } from "./user.ts";

/** The `users` table (migration "2026-12-04-002-users" in db/migrations.ts). */
export interface UsersDatabase {
  users: {
    id: string;
    username: string;
    display_name: string;
    roles: string[];
    /** jsonb: written as a JSON text cast, read back parsed. */
    accounts: ColumnType<unknown, string, string>;
    password_hash: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}

type Row = Pick<
  Selectable<UsersDatabase["users"]>,
  "id" | "username" | "display_name" | "roles" | "accounts" | "password_hash"
>;
const columns = ["id", "username", "display_name", "roles", "accounts", "password_hash"] as const;

/** A row → User, validated: a row edited by hand into something the file store would refuse is refused too. */
function toUser(row: Row): User {
  const parsed = userSchema.safeParse({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    accounts: row.accounts,
    passwordHash: row.password_hash,
  });
  if (!parsed.success) throw new InvalidUserError("stored", parsed.error);
  return parsed.data;
}

const isUniqueViolation = (err: unknown, constraint: string): boolean =>
  typeof err === "object" &&
  err !== null &&
  (err as { code?: unknown }).code === "23505" &&
  (err as { constraint?: unknown }).constraint === constraint;

/** What the directory needs of the shared database handle (db/database.ts): routed reads, guarded writes. */
export type UsersDatabaseHandle = Pick<Database, "read" | "write">;

/**
 * Local users in PostgreSQL (USERS_STORE=postgres): the same contract as the file store, shared by every BFF
 * instance and the CLI, backed up with the rest of the database. Lookups go through `database.read` (the read
 * replica when it is up and current, so logins keep working with the primary down; the other server when one is
 * unreachable); writes through `database.write` (the primary; 503 DATA_STORE_READ_ONLY when it cannot take them).
 */
export class PostgresUserDirectory implements UserDirectory {
  constructor(private readonly database: UsersDatabaseHandle) {}

  private read<T>(fn: (db: Kysely<UsersDatabase>) => Promise<T>): Promise<T> {
    return this.database.read<UsersDatabase, T>(fn);
  }

  async findByUsername(username: string): Promise<User | null> {
    const row = await this.read((db) =>
      db.selectFrom("users").select(columns).where("username", "=", username).executeTakeFirst(),
    );
    return row ? toUser(row) : null;
  }

  async get(id: string): Promise<User | null> {
    const row = await this.read((db) =>
      db.selectFrom("users").select(columns).where("id", "=", id).executeTakeFirst(),
    );
    return row ? toUser(row) : null;
  }

  /** By username in byte order (usernames are ASCII), as the file store sorts: the CLI lists alike on both. */
  async list(): Promise<User[]> {
    const rows = await this.read((db) =>
      db
        .selectFrom("users")
        .select(columns)
        .orderBy(sql`username collate "C"`)
        .execute(),
    );
    return rows.map(toUser);
  }

  /**
   * Creates the user, or replaces the one with the same id, in one statement. A username held by another id fails on
   * the unique constraint (two CLIs adding the same name at once: exactly one wins) → UsernameTakenError.
   */
  async upsert(user: User): Promise<void> {
    const parsed = userSchema.safeParse(user);
    if (!parsed.success) throw new InvalidUserError("write", parsed.error);
    const u = parsed.data;
    const values = {
      username: u.username,
      display_name: u.displayName,
      roles: u.roles,
      password_hash: u.passwordHash,
    };
    const accounts = sql<string>`cast(${JSON.stringify(u.accounts)} as jsonb)`;
    try {
      await this.database.write<UsersDatabase, unknown>((db) =>
        db
          .insertInto("users")
          .values({ id: u.id, ...values, accounts })
          .onConflict((oc) =>
            oc.column("id").doUpdateSet({
              ...values,
              accounts: sql<string>`excluded.accounts`,
              updated_at: sql<Date>`now()`,
            }),
          )
          .execute(),
      );
    } catch (err) {
      if (isUniqueViolation(err, "users_username_key")) throw new UsernameTakenError(u.username);
      throw err;
    }
  }

  async remove(username: string): Promise<boolean> {
    const res = await this.database.write<UsersDatabase, { numDeletedRows: bigint }>((db) =>
      db.deleteFrom("users").where("username", "=", username).executeTakeFirst(),
    );
    return res.numDeletedRows > 0n;
  }
}
