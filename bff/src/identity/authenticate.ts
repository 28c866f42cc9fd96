import { dummyHash, verifyPassword } from "./password.ts";
import type { User, UserDirectory } from "./user.ts";

/**
 * The user when `password` matches, else null. An unknown username still costs one scrypt against a dummy hash, so
 * response time does not reveal which usernames exist.
 */
export async function authenticate(
  users: UserDirectory,
  username: string,
  password: string,
): Promise<User | null> {
  const user = await users.findByUsername(username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  return user && ok ? user : null;
}
