import { z } from "zod";
import { roleSchema, type Role } from "@pregao/contracts";
import type { ClaimMapping } from "./claims.ts";

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * True for `http://127.0.0.1`, `http://[::1]` and `http://localhost` issuers: the only ones for which plain-HTTP
 * requests are allowed (a provider started by a test or on a developer machine). An https issuer never gets it, and
 * a plain-http issuer anywhere else is refused at startup (see `parseOidcSettings`).
 */
export function isLoopbackHttp(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    return url.protocol === "http:" && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
}

const roleMapSchema = z.record(z.string().min(1), roleSchema);

/** `OIDC_ROLE_MAP`: a JSON object of IdP role name → trader|risk|viewer. */
const roleMapJson = z.string().refine(
  (raw) => {
    try {
      return roleMapSchema.safeParse(JSON.parse(raw)).success;
    } catch {
      return false;
    }
  },
  {
    message:
      'must be a JSON object of IdP role → "trader" | "risk" | "viewer", e.g. {"desk-traders":"trader"}',
  },
);

/**
 * OpenID Connect settings. Spread into `configSchema` in env.ts (the only reader of process.env). `OIDC_ISSUER` unset
 * → OIDC off and only the local password login exists.
 */
export const oidcConfigShape = {
  /** Issuer identifier (discovery at `<issuer>/.well-known/openid-configuration`). https, or http on loopback only. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Confidential client (client_secret_basic) when set; otherwise a public client relying on PKCE alone. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Default `<public origin>/api/v1/auth/oidc/callback`; must be registered at the provider exactly. */
  OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_SCOPES: z.string().min(1).default("openid profile email"),
  /** Claim with the IdP roles: a name, or a dotted path into nested claims (`realm_access.roles`). */
  OIDC_ROLE_CLAIM: z.string().min(1).default("roles"),
  /** JSON map of IdP role → Pregão role; when set only mapped names count. Unset: `trader`/`risk`/`viewer` as-is. */
  OIDC_ROLE_MAP: roleMapJson.optional(),
  /** Claim with broker accounts as `"<brokerId>:<accountId>"` (array, or a space/comma separated string). */
  OIDC_ACCOUNTS_CLAIM: z.string().min(1).default("pregao_accounts"),
  /** Where the provider sends the browser after RP-initiated logout. Default `<public origin>/`. */
  OIDC_POST_LOGOUT_REDIRECT_URI: z.url({ protocol: /^https?$/ }).optional(),
} as const;

export type OidcConfig = z.infer<z.ZodObject<typeof oidcConfigShape>>;

/** Parsed, cross-checked OIDC settings. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri?: string;
  postLogoutRedirectUri?: string;
  scopes: string;
  mapping: ClaimMapping;
}

/**
 * The OIDC settings when `OIDC_ISSUER` is set, null when OIDC is off. Returns the list of problems instead when the
 * combination is invalid (the caller raises them as a ConfigError at startup).
 */
export function parseOidcSettings(config: OidcConfig): { settings: OidcSettings | null; issues: string[] } {
  const issuer = config.OIDC_ISSUER;
  if (!issuer) return { settings: null, issues: [] };
  const issues: string[] = [];
  if (!config.OIDC_CLIENT_ID) issues.push("OIDC_CLIENT_ID: required when OIDC_ISSUER is set");
  if (new URL(issuer).protocol === "http:" && !isLoopbackHttp(issuer))
    issues.push("OIDC_ISSUER: must be https (plain http only for a loopback provider in development/tests)");
  if (!/(^|\s)openid(\s|$)/.test(config.OIDC_SCOPES)) issues.push("OIDC_SCOPES: must include openid");
  if (issues.length > 0) return { settings: null, issues };
  const roleMap: Record<string, Role> | null = config.OIDC_ROLE_MAP
    ? roleMapSchema.parse(JSON.parse(config.OIDC_ROLE_MAP))
    : null;
  const settings: OidcSettings = {
    issuer,
    clientId: config.OIDC_CLIENT_ID as string,
    scopes: config.OIDC_SCOPES,
    mapping: { roleClaim: config.OIDC_ROLE_CLAIM, roleMap, accountsClaim: config.OIDC_ACCOUNTS_CLAIM },
  };
  if (config.OIDC_CLIENT_SECRET) settings.clientSecret = config.OIDC_CLIENT_SECRET;
  if (config.OIDC_REDIRECT_URI) settings.redirectUri = config.OIDC_REDIRECT_URI;
  if (config.OIDC_POST_LOGOUT_REDIRECT_URI)
    settings.postLogoutRedirectUri = config.OIDC_POST_LOGOUT_REDIRECT_URI;
  return { settings, issues: [] };
}
