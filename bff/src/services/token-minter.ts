import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import {
  SERVICE_TOKEN_ISSUER,
  type AccountRef,
  type Role,
  type ServiceAudience,
  type ServiceTokenClaims,
} from "@pregao/contracts";
import type { KeyRing } from "./key-ring.ts";

/** Who a token speaks for: a user (sub = user id) or the BFF itself. */
export interface TokenSubject {
  sub: string;
  roles: readonly (Role | "service")[];
  accounts: readonly AccountRef[];
}

/** The BFF's own identity on its service connections (feed, order stream). */
export const BFF_SUBJECT: TokenSubject = { sub: "service:pregao-bff", roles: ["service"], accounts: [] };

/** Hard cap of the contract: exp ≤ iat + 60. */
export const MAX_TOKEN_TTL_S = 60;

export interface TokenMinterOptions {
  /** Token lifetime in seconds (≤ 60). */
  ttlS: number;
  /** Reuse a token for the same subject+audience for at most this long (0 = mint per call). */
  cacheS?: number;
  now?: () => number;
}

/**
 * Mints short-lived EdDSA service tokens (`{alg: EdDSA, kid, typ: JWT}`; claims per contracts
 * `serviceTokenClaimsSchema`). A token is reused for the same subject+audience for ≤ `cacheS` (default 10 s), so it
 * always has ≥ ttl − cacheS seconds left when sent.
 */
export class TokenMinter {
  private readonly cache = new Map<string, { token: string; until: number }>();
  private readonly ttlS: number;
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly keys: Pick<KeyRing, "signer">,
    options: TokenMinterOptions,
  ) {
    if (options.ttlS < 1 || options.ttlS > MAX_TOKEN_TTL_S)
      throw new Error(`token ttl must be 1..${MAX_TOKEN_TTL_S} s`);
    this.ttlS = options.ttlS;
    this.cacheMs = Math.min(options.cacheS ?? 10, Math.floor(options.ttlS / 2)) * 1000;
    this.now = options.now ?? Date.now;
  }

  async mint(aud: ServiceAudience, subject: TokenSubject): Promise<string> {
    const key = `${aud}|${subject.sub}|${subject.roles.join(",")}|${subject.accounts.map((a) => `${a.brokerId}:${a.accountId}`).join(",")}`;
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.token;
    const signer = this.keys.signer();
    if (!signer) throw new Error("no service signing key");
    const iat = Math.floor(now / 1000);
    const claims: Omit<ServiceTokenClaims, "iss" | "aud" | "sub" | "iat" | "exp" | "jti"> = {
      roles: [...subject.roles],
      accounts: subject.accounts.map((a) => ({ brokerId: a.brokerId, accountId: a.accountId })),
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "EdDSA", kid: signer.kid, typ: "JWT" })
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setAudience(aud)
      .setSubject(subject.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlS)
      .setJti(randomUUID())
      .sign(signer.key);
    if (this.cacheMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, { token, until: now + this.cacheMs });
    }
    return token;
  }
}
