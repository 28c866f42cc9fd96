import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, signInAt } from "./browser.ts";
import { startOidcBff, type OidcBff } from "./harness.ts";
import { startIdp, type RunningIdp } from "./provider.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Two BFF instances sharing the real Redis on this machine: the pending flow and the session live there, so a login
 * started on one instance completes on the other, and the session is good on both.
 */
describe("OIDC across two instances on Redis", () => {
  let idp: RunningIdp;
  let a: OidcBff;
  let b: OidcBff;

  beforeAll(async () => {
    idp = await startIdp();
    const env = {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: "pregao-ha",
      OIDC_CLIENT_SECRET: "ha-secret",
      REDIS_URL,
      REDIS_KEY_PREFIX: `pregao-oidc-test-${process.pid}-${Date.now()}:`,
      RATE_API_PER_MIN: 0,
    };
    [a, b] = await Promise.all([startOidcBff(env), startOidcBff(env)]);
    await idp.configure(
      [
        {
          clientId: "pregao-ha",
          clientSecret: "ha-secret",
          redirectUris: [`${a.url}/api/v1/auth/oidc/callback`],
          postLogoutRedirectUris: [`${a.url}/`],
        },
      ],
      { ana: { roles: ["trader"], pregao_accounts: ["308:1"] } },
    );
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await idp?.close();
  });

  it("completes on instance B a login started on instance A; the session holds on both; logout ends it on both", async () => {
    const browser = new Browser();
    const { callback } = await signInAt(browser, a.url, "ana", { returnTo: "/x", callbackOrigin: b.url });
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/x");
    for (const url of [a.url, b.url]) {
      const res = await browser.fetch(`${url}/api/v1/session`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { method: string }).method).toBe("oidc");
    }
    const out = await browser.fetch(`${b.url}/api/v1/auth/oidc/logout`, {
      method: "POST",
      headers: { origin: b.url, "x-pregao-csrf": "1" },
    });
    expect(((await out.json()) as { endSession: boolean }).endSession).toBe(true);
    expect((await browser.fetch(`${a.url}/api/v1/session`)).status).toBe(401);
  });
});
