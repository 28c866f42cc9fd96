import { createHmac } from "node:crypto";
import { exportSPKI } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createServiceAuth, ServiceAuthError, type ServiceAuth } from "./service-auth.ts";
import { createTestIssuer, type TestIssuer } from "./test-tokens.ts";

let issuer: TestIssuer;
let auth: ServiceAuth;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

async function refusal(header: string | undefined, aud: "order-manager" | "risk" = "order-manager") {
  try {
    await auth.verify(header, aud);
    return "accepted";
  } catch (err) {
    expect(err).toBeInstanceOf(ServiceAuthError);
    return `${(err as ServiceAuthError).status} ${(err as ServiceAuthError).reason}`;
  }
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  auth = createServiceAuth({ jwks: issuer.jwks });
});

describe("service token verification", () => {
  it("accepts a well-formed token and returns its claims", async () => {
    const token = await issuer.mint({ aud: "order-manager", accounts: [{ brokerId: 308, accountId: "1" }] });
    const claims = await auth.verify(`Bearer ${token}`, "order-manager");
    expect(claims).toMatchObject({ sub: "u-trader", aud: "order-manager", roles: ["trader"] });
  });

  it("refuses a missing or malformed header", async () => {
    expect(await refusal(undefined)).toBe("401 MISSING_TOKEN");
    expect(await refusal("Basic abc")).toBe("401 MISSING_TOKEN");
    expect(await refusal("Bearer not-a-jwt")).toMatch(/^401 /);
  });

  it("refuses an expired token", async () => {
    const token = await issuer.mint({ aud: "order-manager", iat: now() - 100, ttl: 30 });
    expect(await refusal(`Bearer ${token}`)).toMatch(/^401 ERR_JWT_EXPIRED/);
  });

  it("refuses the wrong audience and the wrong issuer", async () => {
    const risk = await issuer.mint({ aud: "risk" });
    expect(await refusal(`Bearer ${risk}`)).toBe("401 ERR_JWT_CLAIM_VALIDATION_FAILED:aud");
    const other = await issuer.mint({ aud: "order-manager", iss: "evil" });
    expect(await refusal(`Bearer ${other}`)).toBe("401 ERR_JWT_CLAIM_VALIDATION_FAILED:iss");
  });

  it("refuses alg none", async () => {
    const payload = {
      iss: "pregao-bff",
      aud: "order-manager",
      sub: "u",
      jti: "12345678",
      iat: now(),
      exp: now() + 30,
    };
    const token = `${b64({ alg: "none", typ: "JWT" })}.${b64({ ...payload, roles: ["trader"], accounts: [] })}.`;
    expect(await refusal(`Bearer ${token}`)).toMatch(/^401 /);
  });

  it("refuses HS256 signed with the public key as the secret", async () => {
    const spki = await exportSPKI(issuer.publicKey);
    const claims = { iss: "pregao-bff", aud: "order-manager", sub: "u", jti: "12345678", roles: ["trader"] };
    for (const secret of [spki, JSON.stringify(issuer.jwks.keys[0]), String(issuer.jwks.keys[0]!.x)]) {
      const head = `${b64({ alg: "HS256", kid: issuer.kid })}.${b64({ ...claims, accounts: [], iat: now(), exp: now() + 30 })}`;
      const sig = createHmac("sha256", secret).update(head).digest("base64url");
      expect(await refusal(`Bearer ${head}.${sig}`)).toBe("401 ERR_JOSE_ALG_NOT_ALLOWED");
    }
  });

  it("refuses an unknown kid and a key that is not in the JWKS", async () => {
    const unknownKid = await issuer.mint({ aud: "order-manager", kid: "nope" });
    expect(await refusal(`Bearer ${unknownKid}`)).toBe("401 ERR_JWKS_NO_MATCHING_KEY");
    const stranger = await createTestIssuer(issuer.kid);
    expect(await refusal(`Bearer ${await stranger.mint({ aud: "order-manager" })}`)).toBe(
      "401 ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    );
  });

  it("refuses a lifetime over 60 s and a token issued too long ago", async () => {
    const long = await issuer.mint({ aud: "order-manager", ttl: 61 });
    expect(await refusal(`Bearer ${long}`)).toBe("401 TTL_TOO_LONG");
    const old = await issuer.mint({ aud: "order-manager", iat: now() - 200, ttl: 3600 });
    expect(await refusal(`Bearer ${old}`)).toMatch(/^401 ERR_JWT_/);
  });

  it("refuses claims that do not match the contract", async () => {
    const token = await issuer.mint({ aud: "order-manager", roles: ["admin"] });
    expect(await refusal(`Bearer ${token}`)).toBe("401 BAD_CLAIMS");
  });

  it("resolves a JWKS URL lazily and answers 503 when it is unreachable", async () => {
    let calls = 0;
    const lazy = createServiceAuth({ jwksUrl: () => (calls++, "http://127.0.0.1:9/jwks.json") });
    expect(calls).toBe(0);
    const token = await issuer.mint({ aud: "risk" });
    await expect(lazy.verify(`Bearer ${token}`, "risk")).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(1);
  });
});
