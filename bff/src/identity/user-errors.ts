import type { ZodError } from "zod";

/** A user record that breaks the schema (user-schema.ts) — on write, or as read back from the store. */
export class InvalidUserError extends Error {
  readonly code = "USER_INVALID";
  /** The first offending field (`roles`, `passwordHash`, …), or `user` when the record as a whole is wrong. */
  readonly field: string;
  constructor(
    readonly source: "write" | "stored",
    error: ZodError,
  ) {
    const first = error.issues[0];
    const field = first && first.path.length > 0 ? first.path.map(String).join(".") : "user";
    super(
      `${source === "write" ? "invalid user" : "stored user is invalid"}: ${field}: ${first?.message ?? "invalid"}`,
    );
    this.name = "InvalidUserError";
    this.field = field;
  }
}

/** An upsert whose username belongs to another user id (renaming onto someone else would silently replace them). */
export class UsernameTakenError extends Error {
  readonly code = "USERNAME_TAKEN";
  readonly field = "username";
  constructor(readonly username: string) {
    super(`username ${username} belongs to another user`);
    this.name = "UsernameTakenError";
  }
}
