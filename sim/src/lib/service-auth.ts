import {
  SERVICE_TOKEN_ISSUER,
  serviceTokenClaimsSchema,
  type ServiceAudience,
  type ServiceTokenClaims,
} from "@pregao/contracts";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from "jose";

/** The BFF's own connections (feed, order stream) carry this subject. */
export const BFF_SERVICE_SUBJECT = "service:pregao-bff";
export const DEFAULT_JWKS_URL = "http://127.0.0.1:9080/.well-known/jwks.json";
/** Longest lifetime a service token may declare (`exp - iat`). */
export const MAX_TOKEN_TTL_S = 60;

/** Where the verification keys come from: the BFF's JWKS URL (resolved lazily) or a key set (tests). */
export type JwksSource =
  { jwksUrl: string | (() => string) } | { jwks: JSONWebKeySet | (() => Promise<JSONWebKeySet>) };

/** A refused service token: 401 UNAUTHENTICATED, or 503 UNAVAILABLE when the JWKS cannot be fetched. */
export class ServiceAuthError extends Error {
  constructor(
    readonly status: 401 | 503,
    readonly code: "UNAUTHENTICATED" | "UNAVAILABLE",
    /** Machine-readable cause for the audit log (e.g. ERR_JWT_EXPIRED). */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "ServiceAuthError";
  }
}

export interface ServiceAuth {
  /** Verifies `Authorization: Bearer <jwt>` for `audience`; resolves the claims or throws ServiceAuthError. */
  verify(authorization: string | undefined, audience: ServiceAudience): Promise<ServiceTokenClaims>;
}

function keyResolver(source: JwksSource): () => Promise<JWTVerifyGetKey> {
  let resolved: JWTVerifyGetKey | undefined;
  if ("jwksUrl" in source)
    return () => {
      const url = typeof source.jwksUrl === "function" ? source.jwksUrl() : source.jwksUrl;
      resolved ??= createRemoteJWKSet(new URL(url), { timeoutDuration: 2000, cooldownDuration: 5000 });
      return Promise.resolve(resolved);
    };
  return async () => {
    if (typeof source.jwks !== "function") return (resolved ??= createLocalJWKSet(source.jwks));
    return createLocalJWKSet(await source.jwks());
  };
}

/** Service-token verification exactly as the trading issue specifies (EdDSA only, iss, aud, ≤ 60 s, ≤ 120 s old). */
export function createServiceAuth(source: JwksSource, now: () => number = Date.now): ServiceAuth {
  const keys = keyResolver(source);
  return {
    async verify(authorization, audience) {
      const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? "")?.[1];
      if (!token) throw new ServiceAuthError(401, "UNAUTHENTICATED", "MISSING_TOKEN", "missing bearer token");
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, await keys(), {
          algorithms: ["EdDSA"],
          issuer: SERVICE_TOKEN_ISSUER,
          audience,
          clockTolerance: 5,
          maxTokenAge: "120s",
          currentDate: new Date(now()),
        }));
      } catch (err) {
        throw toAuthError(err);
      }
      const claims = serviceTokenClaimsSchema.safeParse(payload);
      if (!claims.success)
        throw new ServiceAuthError(401, "UNAUTHENTICATED", "BAD_CLAIMS", "token claims are invalid");
      if (claims.data.exp - claims.data.iat > MAX_TOKEN_TTL_S)
        throw new ServiceAuthError(401, "UNAUTHENTICATED", "TTL_TOO_LONG", "token lifetime over 60 s");
      return claims.data;
    },
  };
}

function toAuthError(err: unknown): ServiceAuthError {
  if (err instanceof errors.JWKSTimeout || (err instanceof TypeError && /fetch/i.test(err.message)))
    return new ServiceAuthError(503, "UNAVAILABLE", "JWKS_UNAVAILABLE", "cannot fetch the token keys");
  if (err instanceof errors.JOSEError) {
    const reason = (err as errors.JOSEError & { claim?: string }).claim
      ? `${err.code}:${(err as errors.JWTClaimValidationFailed).claim}`
      : err.code;
    return new ServiceAuthError(401, "UNAUTHENTICATED", reason, "invalid service token");
  }
  return new ServiceAuthError(401, "UNAUTHENTICATED", "INVALID_TOKEN", "invalid service token");
}

/** True when the token carries `role`. */
export const hasRole = (claims: ServiceTokenClaims, role: ServiceTokenClaims["roles"][number]) =>
  claims.roles.includes(role);
