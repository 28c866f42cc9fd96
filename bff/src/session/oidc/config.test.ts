import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isLoopbackHttp, oidcConfigShape, parseOidcSettings } from "./config.ts";

const schema = z.object(oidcConfigShape);
const parse = (env: Record<string, string>) => parseOidcSettings(schema.parse(env));

describe("OIDC settings", () => {
  it("is off without an issuer", () => {
    expect(parse({})).toEqual({ settings: null, issues: [] });
  });

  it("applies defaults and parses the role map", () => {
    const { settings } = parse({
      OIDC_ISSUER: "https://idp.example/realms/b3",
      OIDC_CLIENT_ID: "pregao",
      OIDC_ROLE_MAP: '{"desk-traders":"trader"}',
      OIDC_ROLE_CLAIM: "realm_access.roles",
    });
    expect(settings).toEqual({
      issuer: "https://idp.example/realms/b3",
      clientId: "pregao",
      scopes: "openid profile email",
      mapping: {
        roleClaim: "realm_access.roles",
        roleMap: { "desk-traders": "trader" },
        accountsClaim: "pregao_accounts",
      },
    });
  });

  it("rejects a bad role map at parse time, naming the field", () => {
    for (const bad of ["{", '{"x":"admin"}', "[]"]) {
      const res = schema.safeParse({ OIDC_ROLE_MAP: bad });
      expect(res.success).toBe(false);
      expect(res.error?.issues[0]?.path).toEqual(["OIDC_ROLE_MAP"]);
    }
  });

  it("requires a client id, openid scope, and https unless the issuer is loopback", () => {
    expect(parse({ OIDC_ISSUER: "https://idp.example" }).issues).toEqual([
      "OIDC_CLIENT_ID: required when OIDC_ISSUER is set",
    ]);
    expect(parse({ OIDC_ISSUER: "http://idp.example", OIDC_CLIENT_ID: "c" }).issues[0]).toMatch(
      /must be https/,
    );
    expect(parse({ OIDC_ISSUER: "http://127.0.0.1:4000", OIDC_CLIENT_ID: "c" }).issues).toEqual([]);
    expect(
      parse({ OIDC_ISSUER: "https://i.example", OIDC_CLIENT_ID: "c", OIDC_SCOPES: "profile" }).issues[0],
    ).toMatch(/openid/);
  });

  it("allows insecure HTTP only for loopback http issuers", () => {
    expect(isLoopbackHttp("http://127.0.0.1:4000")).toBe(true);
    expect(isLoopbackHttp("http://localhost:4000/x")).toBe(true);
    expect(isLoopbackHttp("http://[::1]:4000")).toBe(true);
    expect(isLoopbackHttp("https://127.0.0.1")).toBe(false);
    expect(isLoopbackHttp("http://127.0.0.1.evil.example")).toBe(false);
    expect(isLoopbackHttp("http://idp.example")).toBe(false);
    expect(isLoopbackHttp("not a url")).toBe(false);
  });
});
