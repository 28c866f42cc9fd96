import { z } from "zod";

/** The three roles. A user holds one or more. */
export const roleSchema = z.enum(["trader", "risk", "viewer"]);
export type Role = z.infer<typeof roleSchema>;

/**
 * What a role may do. The BFF enforces these on every route and socket event (bff/src/security/access-table.ts); the
 * SPA only uses them to decide what to show.
 */
export const permissionSchema = z.enum([
  /** quotes, book, trades, instrument list */
  "market:read",
  /** feed/breaker/ProfitDLL connection detail (the Connection panel) */
  "feed:detail",
  /** the user's own broker accounts */
  "accounts:read:own",
  /** every account, read-only (risk) */
  "accounts:read:all",
  /** submit and cancel orders on own accounts (trading issue) */
  "orders:write",
  /** risk limits and the kill switch (trading issue) */
  "risk:write",
  /** the ops health panel: dependency checks, breakers, latency, connected users, runbooks */
  "ops:read",
  /** the audit trail: search and export who did what (the Audit panel) */
  "audit:read",
]);
export type Permission = z.infer<typeof permissionSchema>;

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ["market:read"],
  trader: ["market:read", "feed:detail", "accounts:read:own", "orders:write"],
  risk: [
    "market:read",
    "feed:detail",
    "accounts:read:own",
    "accounts:read:all",
    "risk:write",
    "ops:read",
    "audit:read",
  ],
};

/** The union of the roles' permissions. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap((r) => rolePermissions[r]))].sort();
}

/** A broker account as ProfitDLL identifies it (`TConnectorAccountIdentifier`). */
export const accountRefSchema = z.object({
  brokerId: z.number().int().positive(),
  accountId: z.string().min(1).max(32),
});
export type AccountRef = z.infer<typeof accountRefSchema>;

export const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9._@-]+$/, "lowercase letters, digits and . _ @ - only");

/** `POST /api/v1/auth/login` */
export const loginRequestSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema).min(1),
  accounts: z.array(accountRefSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** `GET /api/v1/session` (200 when logged in; 401 UNAUTHENTICATED / SESSION_EXPIRED otherwise). */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  permissions: z.array(permissionSchema),
  /** Epoch ms: the absolute timeout, and the idle timeout as of this response. */
  expiresAt: z.number(),
  idleExpiresAt: z.number(),
  /** How the user logged in. */
  method: z.enum(["password", "oidc"]),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** `GET /api/v1/auth/providers` (public): which login methods the login page offers. */
export const authProvidersResponseSchema = z.object({
  password: z.boolean(),
  /** `loginUrl`: where the SSO link starts the OpenID Connect flow (a same-origin path). */
  oidc: z.object({ enabled: z.boolean(), loginUrl: z.string().optional() }),
});
export type AuthProvidersResponse = z.infer<typeof authProvidersResponseSchema>;

/** `POST /api/v1/auth/oidc/logout`: where the SPA navigates next. */
export const oidcLogoutResponseSchema = z.object({
  /** The provider's end_session URL (RP-initiated logout) for an OIDC session, else a same-origin path. */
  redirectTo: z.string(),
  /** True when `redirectTo` is the provider's logout. */
  endSession: z.boolean(),
});
export type OidcLogoutResponse = z.infer<typeof oidcLogoutResponseSchema>;

/**
 * State-changing requests must carry this header (any value; the SPA sends "1") besides being same-origin.
 * A cross-site form cannot set a custom header, and a cross-origin fetch that sets one triggers a preflight we refuse.
 */
export const CSRF_HEADER = "x-pregao-csrf";

/** `GET /api/v1/accounts`: own accounts, or every account for `accounts:read:all`. */
export const accountsResponseSchema = z.object({
  accounts: z.array(accountRefSchema.extend({ owner: z.string(), brokerName: z.string() })),
});
export type AccountsResponse = z.infer<typeof accountsResponseSchema>;

/** Why the BFF ended a live socket's session; sent as `session:ended` just before it disconnects. */
export const sessionEndReasonSchema = z.enum(["SESSION_EXPIRED", "LOGGED_OUT", "REVOKED"]);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;
