import { randomUUID } from "node:crypto";
import { SERVICE_TOKEN_ISSUER, type AccountRef, type ServiceAudience } from "@pregao/contracts";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from "jose";
import { BFF_SERVICE_SUBJECT } from "./service-auth.ts";

export interface MintOptions {
  aud: ServiceAudience;
  sub?: string;
  roles?: string[];
  accounts?: AccountRef[];
  /** Seconds (default 30). */
  ttl?: number;
  /** Epoch seconds (default now). */
  iat?: number;
  iss?: string;
  kid?: string;
}

/** Test helper: an EdDSA key pair with a JWKS and a minter that signs service tokens the way the BFF does. */
export interface TestIssuer {
  jwks: JSONWebKeySet;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  mint(opts: MintOptions): Promise<string>;
  /** The BFF's own stream/feed token. */
  service(aud: ServiceAudience): Promise<string>;
}

export async function createTestIssuer(kid = "test-key-1"): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" };
  const mint = (o: MintOptions) => {
    const iat = o.iat ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: o.roles ?? ["trader"], accounts: o.accounts ?? [] })
      .setProtectedHeader({ alg: "EdDSA", kid: o.kid ?? kid, typ: "JWT" })
      .setIssuer(o.iss ?? SERVICE_TOKEN_ISSUER)
      .setAudience(o.aud)
      .setSubject(o.sub ?? "u-trader")
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + (o.ttl ?? 30))
      .sign(privateKey);
  };
  return {
    jwks: { keys: [jwk] },
    kid,
    privateKey,
    publicKey,
    mint,
    service: (aud) => mint({ aud, sub: BFF_SERVICE_SUBJECT, roles: ["service"], accounts: [] }),
  };
}
