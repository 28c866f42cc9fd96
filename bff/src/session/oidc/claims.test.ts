import { describe, expect, it } from "vitest";
import {
  claimValues,
  mapRoles,
  parseAccounts,
  readClaim,
  userFromClaims,
  type ClaimMapping,
} from "./claims.ts";

const mapping: ClaimMapping = { roleClaim: "roles", roleMap: null, accountsClaim: "pregao_accounts" };

describe("readClaim", () => {
  it("reads a top-level claim, a dotted path, and prefers a literal dotted name", () => {
    const claims = {
      roles: ["trader"],
      realm_access: { roles: ["desk-risk"] },
      "https://idp.example/roles": "viewer",
      "a.b": "literal",
      a: { b: "nested" },
    };
    expect(readClaim(claims, "roles")).toEqual(["trader"]);
    expect(readClaim(claims, "realm_access.roles")).toEqual(["desk-risk"]);
    expect(readClaim(claims, "https://idp.example/roles")).toBe("viewer");
    expect(readClaim(claims, "a.b")).toBe("literal");
    expect(readClaim(claims, "realm_access.missing")).toBeUndefined();
    expect(readClaim(claims, "roles.length")).toBeUndefined();
    expect(readClaim(claims, "__proto__.toString")).toBeUndefined();
  });
});

describe("mapRoles", () => {
  it("accepts a string or an array; without a map only literal role names count", () => {
    expect(mapRoles("trader", null)).toEqual(["trader"]);
    expect(mapRoles("viewer risk", null)).toEqual(["risk", "viewer"]);
    expect(mapRoles(["viewer", "trader", "admin", 7, "trader"], null)).toEqual(["trader", "viewer"]);
    expect(mapRoles(undefined, null)).toEqual([]);
    expect(mapRoles({ trader: true }, null)).toEqual([]);
  });

  it("with a map, only mapped names count (allowlist), never inherited keys", () => {
    const map = { "desk-traders": "trader", "ops-risk": "risk" } as const;
    expect(mapRoles(["desk-traders", "ops-risk"], map)).toEqual(["trader", "risk"]);
    expect(mapRoles(["trader", "viewer"], map)).toEqual([]);
    expect(mapRoles(["constructor", "toString", "__proto__"], map)).toEqual([]);
  });
});

describe("parseAccounts", () => {
  it("parses broker:account entries, dedupes, and reports malformed ones", () => {
    expect(parseAccounts(["308:10001", "308:10001", "1:A-2", "x:1", "0:5", "308:", ":9", 5])).toEqual({
      accounts: [
        { brokerId: 308, accountId: "10001" },
        { brokerId: 1, accountId: "A-2" },
      ],
      rejected: ["x:1", "0:5", "308:", ":9"],
    });
    expect(parseAccounts("308:1, 308:2").accounts).toHaveLength(2);
    expect(parseAccounts(undefined)).toEqual({ accounts: [], rejected: [] });
  });
});

describe("userFromClaims", () => {
  it("builds a namespaced session user", () => {
    const res = userFromClaims(
      {
        sub: "abc",
        preferred_username: "ana",
        name: "Ana Souza",
        roles: ["trader"],
        pregao_accounts: ["308:1"],
      },
      mapping,
    );
    expect(res).toEqual({
      ok: true,
      user: {
        id: "oidc:abc",
        username: "ana",
        displayName: "Ana Souza",
        roles: ["trader"],
        accounts: [{ brokerId: 308, accountId: "1" }],
      },
      rejectedAccounts: [],
    });
  });

  it("falls back to email then sub for the username, and uses nested role claims with a map", () => {
    const res = userFromClaims(
      { sub: "s1", email: "bo@example.com", realm_access: { roles: ["ops"] } },
      { ...mapping, roleClaim: "realm_access.roles", roleMap: { ops: "risk" } },
    );
    expect(res.ok && res.user).toMatchObject({
      username: "bo@example.com",
      displayName: "bo@example.com",
      roles: ["risk"],
    });
    expect(userFromClaims({ sub: "s2", roles: "viewer" }, mapping)).toMatchObject({
      ok: true,
      user: { username: "s2" },
    });
  });

  it("refuses a user without a mappable role, and claims without a subject", () => {
    expect(userFromClaims({ sub: "s", preferred_username: "eve", roles: ["admin"] }, mapping)).toEqual({
      ok: false,
      reason: "NO_ROLE",
      username: "eve",
    });
    expect(userFromClaims({ roles: ["trader"] }, mapping)).toEqual({ ok: false, reason: "NO_SUBJECT" });
  });

  it("claimValues drops empties and non-strings", () => {
    expect(claimValues(" a,,b  c ")).toEqual(["a", "b", "c"]);
    expect(claimValues([null, "x", ""])).toEqual(["x"]);
  });
});
