import {
  accountRefSchema,
  roleSchema,
  type AccountRef,
  type Role,
  type SessionUser,
} from "@pregao/contracts";

/** Claims as they arrive from the ID token and userinfo (untrusted shape, trusted origin). */
export type Claims = Record<string, unknown>;

/** How IdP claims become a Pregão user. */
export interface ClaimMapping {
  /** Claim holding the IdP roles; a dotted path (`realm_access.roles`) walks nested objects. */
  roleClaim: string;
  /**
   * IdP role name → Pregão role. When set, ONLY mapped names count (explicit allowlist); when null, IdP values that are
   * literally `trader` / `risk` / `viewer` map to themselves.
   */
  roleMap: Readonly<Record<string, Role>> | null;
  /** Claim holding broker accounts as `"<brokerId>:<accountId>"` strings. */
  accountsClaim: string;
}

/**
 * Reads a claim by name. A name that exists literally wins (namespaced claims such as `https://idp.example/roles`
 * contain dots); otherwise a dotted name walks nested objects (`realm_access.roles`).
 */
export function readClaim(claims: Claims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let cur: unknown = claims;
  for (const part of name.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, part))
      return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A claim value as a list of strings: an array's string items, or a string split on whitespace and commas. */
export function claimValues(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  return raw.filter((v): v is string => typeof v === "string" && v.length > 0);
}

const roleOrder: readonly Role[] = roleSchema.options;

/** Maps IdP role names to Pregão roles (deduplicated, in a stable order). Unknown names are dropped. */
export function mapRoles(value: unknown, roleMap: ClaimMapping["roleMap"]): Role[] {
  const found = new Set<Role>();
  for (const name of claimValues(value)) {
    const mapped = roleMap
      ? Object.hasOwn(roleMap, name)
        ? roleMap[name]
        : undefined
      : roleSchema.safeParse(name).data;
    if (mapped) found.add(mapped);
  }
  return roleOrder.filter((r) => found.has(r));
}

/** Parses `"308:10001"` entries into account refs; malformed entries are returned separately (logged, not fatal). */
export function parseAccounts(value: unknown): { accounts: AccountRef[]; rejected: string[] } {
  const accounts: AccountRef[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  for (const entry of claimValues(value)) {
    const m = /^(\d{1,9}):(.+)$/.exec(entry);
    const parsed = m ? accountRefSchema.safeParse({ brokerId: Number(m[1]), accountId: m[2] }) : undefined;
    if (!parsed?.success) {
      rejected.push(entry.slice(0, 64));
      continue;
    }
    const key = `${parsed.data.brokerId}:${parsed.data.accountId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    accounts.push(parsed.data);
  }
  return { accounts, rejected };
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

export type ClaimsResult =
  | { ok: true; user: SessionUser; rejectedAccounts: string[] }
  | { ok: false; reason: "NO_SUBJECT" | "NO_ROLE"; username?: string };

/**
 * Builds the session user from verified claims. The id is namespaced (`oidc:<sub>`) so it never collides with a
 * local user's id. A user with no mappable role is refused (`NO_ROLE`): authenticating at the IdP is not enough.
 */
export function userFromClaims(claims: Claims, mapping: ClaimMapping): ClaimsResult {
  const sub = str(claims.sub);
  if (!sub) return { ok: false, reason: "NO_SUBJECT" };
  const username = str(claims.preferred_username) ?? str(claims.email) ?? sub;
  const roles = mapRoles(readClaim(claims, mapping.roleClaim), mapping.roleMap);
  if (roles.length === 0) return { ok: false, reason: "NO_ROLE", username };
  const { accounts, rejected } = parseAccounts(readClaim(claims, mapping.accountsClaim));
  const displayName = str(claims.name) ?? username;
  return {
    ok: true,
    user: { id: `oidc:${sub}`, username, displayName, roles, accounts },
    rejectedAccounts: rejected,
  };
}
