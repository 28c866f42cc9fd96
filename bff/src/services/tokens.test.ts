import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { serviceTokenClaimsSchema, SERVICE_TOKEN_ISSUER } from "@pregao/contracts";
import { silentLogger } from "../lib/logger.ts";
import { KeyRing } from "./key-ring.ts";
import { addKey, retireKey } from "./keys.ts";
import { BFF_SUBJECT, TokenMinter } from "./token-minter.ts";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "pregao-keys-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const user = { sub: "u1", roles: ["trader" as const], accounts: [{ brokerId: 308, accountId: "10001" }] };
const verify = (token: string, jwks: ReturnType<KeyRing["jwks"]>, aud = "order-manager") =>
  jwtVerify(token, createLocalJWKSet(jwks), {
    issuer: SERVICE_TOKEN_ISSUER,
    audience: aud,
    algorithms: ["EdDSA"],
  });

describe("key ring + token minter", () => {
  it("generates a 0600 key on first start and mints tokens per the contract", async () => {
    const dir = tmp();
    const ring = await KeyRing.open({ dir, reloadMs: 0, logger: silentLogger });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    const minter = new TokenMinter(ring, { ttlS: 30, cacheS: 0 });
    const token = await minter.mint("order-manager", user);
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ alg: "EdDSA", kid: ring.signer()!.kid, typ: "JWT" });
    const { payload } = await verify(token, ring.jwks());
    const claims = serviceTokenClaimsSchema.parse(payload);
    expect(claims).toMatchObject({ iss: "pregao-bff", aud: "order-manager", sub: "u1", roles: ["trader"] });
    expect(claims.exp - claims.iat).toBe(30);
    expect(claims.jti).not.toBe(
      serviceTokenClaimsSchema.parse(
        (await verify(await minter.mint("order-manager", user), ring.jwks())).payload,
      ).jti,
    );
    await expect(verify(token, ring.jwks(), "risk")).rejects.toThrow();
    const feed = serviceTokenClaimsSchema.parse(
      (await verify(await minter.mint("market-data", BFF_SUBJECT), ring.jwks(), "market-data")).payload,
    );
    expect(feed).toMatchObject({ sub: "service:pregao-bff", roles: ["service"], accounts: [] });
    ring.close();
  });

  it("the JWKS holds no private part; ttl is capped at 60 s; the cache reuses a token briefly", async () => {
    const ring = await KeyRing.open({ dir: tmp(), reloadMs: 0, logger: silentLogger });
    for (const k of ring.jwks().keys) {
      expect(k).not.toHaveProperty("d");
      expect(Object.keys(k).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
    }
    expect(() => new TokenMinter(ring, { ttlS: 61 })).toThrow();
    const cached = new TokenMinter(ring, { ttlS: 60, cacheS: 10 });
    expect(await cached.mint("risk", user)).toBe(await cached.mint("risk", user));
    expect(await cached.mint("risk", user)).not.toBe(await cached.mint("order-manager", user));
    ring.close();
  });

  it("rotates without downtime: publish first, sign later; old tokens verify while both are published; retire", async () => {
    const dir = tmp();
    let now = Date.now();
    const ring = await KeyRing.open({ dir, reloadMs: 0, logger: silentLogger, now: () => now });
    const minter = new TokenMinter(ring, { ttlS: 30, cacheS: 0, now: () => now });
    const oldKid = ring.signer()!.kid;
    const oldToken = await minter.mint("order-manager", user);
    // `keys rotate`: a new key, published 60 s before it signs
    const nowS = Math.floor(now / 1000);
    const fresh = await addKey(dir, nowS + 60, nowS + 1);
    const cachedJwks = ring.jwks(); // a verifier's cache before the reload
    await ring.reload();
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([oldKid, fresh.kid]);
    expect(ring.signer()!.kid).toBe(oldKid); // not yet
    now += 61_000;
    expect(ring.signer()!.kid).toBe(fresh.kid);
    const newToken = await minter.mint("order-manager", user);
    expect(decodeProtectedHeader(newToken).kid).toBe(fresh.kid);
    // A stale JWKS cache does not know the new kid; after refresh it does; the old token still verifies.
    await expect(verify(newToken, cachedJwks)).rejects.toThrow();
    await verify(newToken, ring.jwks());
    await jwtVerify(oldToken, createLocalJWKSet(ring.jwks()), { currentDate: new Date(now - 61_000) });
    // retire: refused while old tokens may live (unless forced), then dropped from the JWKS, private part deleted
    await expect(retireKey(dir, fresh.kid, { maxTtlS: 60, now: Math.floor(now / 1000) })).rejects.toThrow(
      /signing key/,
    );
    await expect(retireKey(dir, oldKid, { maxTtlS: 60, now: Math.floor(now / 1000) })).rejects.toThrow(
      /may be valid/,
    );
    await retireKey(dir, oldKid, { maxTtlS: 60, now: Math.floor(now / 1000) + 61 });
    await ring.reload();
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([fresh.kid]);
    ring.close();
  });
});
