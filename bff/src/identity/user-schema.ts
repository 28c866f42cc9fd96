import { z } from "zod";
import { accountRefSchema, roleSchema, usernameSchema } from "@pregao/contracts";

/**
 * A stored local user, as every UserDirectory backend validates it on write and on read: a hand-edited file or row
 * that breaks it is refused rather than logged in with.
 */
export const userSchema = z.object({
  id: z.string().min(1),
  username: usernameSchema,
  displayName: z.string().min(1).max(128),
  roles: z.array(roleSchema).min(1),
  accounts: z.array(accountRefSchema),
  passwordHash: z.string().startsWith("scrypt$"),
});
