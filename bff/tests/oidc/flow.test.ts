import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBff } from "../helpers/clients.ts";
import { Browser, isOidcCallback, signInAt } from "./browser.ts";
import { startIdp, type RunningIdp } from "./provider.ts";
import { startOidcBff, type OidcBff } from "./harness.ts";

const CLIENT = { clientId: "pregao-bff", clientSecret: "s3cret-for-tests-only" };
const PUBLIC_CLIENT = { clientId: "pregao-public" };
const accounts = {
  ana: {
    name: "Ana Souza",
    email: "ana@example.com",
    roles: ["desk-traders"],
    pregao_accounts: ["308:10001", "308:10002"],
  },
  rui: { name: "Rui Risk", roles: ["ops-risk", "unrelated"], pregao_accounts: "308:10001" },
  eve: { name: "Eve", roles: ["marketing"], pregao_accounts: ["308:10001"] },
};

describe("OIDC login against a real oidc-provider", () => {
  let idp: RunningIdp;
  let bff: OidcBff;
  /** A second BFF configured as a public client: no secret, PKCE alone. */
  let publicBff: OidcBff;

  beforeAll(async () => {
    idp = await startIdp();
    bff = await startOidcBff({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      OIDC_ROLE_MAP: JSON.stringify({ "desk-traders": "trader", "ops-risk": "risk" }),
    });
    publicBff = await startOidcBff({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: PUBLIC_CLIENT.clientId,
      OIDC_ROLE_MAP: JSON.stringify({ "desk-traders": "trader" }),
    });
    const registered = (b: OidcBff) => ({
      redirectUris: [`${b.url}/api/v1/auth/oidc/callback`],
      postLogoutRedirectUris: [`${b.url}/`],
    });
    await idp.configure(
      [
        { ...CLIENT, ...registered(bff) },
        { ...PUBLIC_CLIENT, ...registered(publicBff) },
      ],
      accounts,
    );
  });
  afterAll(async () => {
    await bff?.close();
    await publicBff?.close();
    await idp?.close();
  });

  const isCallback = isOidcCallback;

  /** Browser → BFF login → provider login form → consent → back to the BFF callback (returned, not followed). */
  const signIn = (
    browser: Browser,
    login: string,
    returnTo = "/",
    tamper?: (u: URL) => void,
    target: OidcBff = bff,
  ) => signInAt(browser, target.url, login, { returnTo, ...(tamper ? { tamper } : {}) });

  const session = (browser: Browser, target: OidcBff = bff) => browser.fetch(`${target.url}/api/v1/session`);

  it("logs in with code + PKCE (S256), state and nonce, maps roles and accounts, and redirects to returnTo", async () => {
    const browser = new Browser();
    const { authorize, callback } = await signIn(browser, "ana", "/risk?tab=limits");
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${bff.url}/api/v1/auth/oidc/callback`);
    expect(authorize.searchParams.has("code_verifier")).toBe(false);

    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/risk?tab=limits");
    const setCookies = callback.headers.getSetCookie();
    const sid = setCookies.find((c) => c.startsWith("__Host-pregao_sid="));
    expect(sid).toMatch(/HttpOnly/);
    expect(sid).toMatch(/Secure/);
    expect(sid).toMatch(/SameSite=Strict/);
    expect(setCookies.some((c) => /^__Host-pregao_oidc=;.*Max-Age=0/.test(c))).toBe(true);

    const res = await session(browser);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: unknown; method: string; permissions: string[] };
    expect(body.method).toBe("oidc");
    expect(body.user).toEqual({
      id: "oidc:ana",
      username: "ana",
      displayName: "Ana Souza",
      roles: ["trader"],
      accounts: [
        { brokerId: 308, accountId: "10001" },
        { brokerId: 308, accountId: "10002" },
      ],
    });
    expect(body.permissions).toContain("orders:write");
    expect(bff.audit.some((e) => e.type === "login.success" && e.method === "oidc" && e.user === "ana")).toBe(
      true,
    );
  });

  it("refuses a user whose claim has no mappable role: 403, no session, audited", async () => {
    const browser = new Browser();
    const { callback } = await signIn(browser, "eve");
    expect(callback.status).toBe(403);
    expect(await callback.text()).toMatch(/no Pregão role/);
    expect(callback.headers.getSetCookie().some((c) => c.startsWith("__Host-pregao_sid="))).toBe(false);
    expect(browser.cookie(bff.url, "__Host-pregao_sid")).toBeUndefined();
    expect((await session(browser)).status).toBe(401);
    expect(bff.audit).toContainEqual(
      expect.objectContaining({ type: "login.failure", method: "oidc", reason: "NO_ROLE", user: "eve" }),
    );
  });

  it("rejects a tampered state (login CSRF): 401, no session, and the pending flow is burnt", async () => {
    const browser = new Browser();
    let original = "";
    const { callback } = await signIn(browser, "ana", "/", (u) => {
      original = u.search;
      u.searchParams.set("state", "attacker-state");
    });
    expect(callback.status).toBe(401);
    const body = (await callback.json()) as { error: { code: string } };
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(browser.cookie(bff.url, "__Host-pregao_sid")).toBeUndefined();
    expect((await session(browser)).status).toBe(401);
    // Replaying the genuine response afterwards fails too: the flow was single-use.
    const replay = await browser.fetch(`${bff.url}/api/v1/auth/oidc/callback${original}`);
    expect(replay.status).toBe(401);
    expect(bff.audit.filter((e) => e.type === "login.failure").map((e) => e.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/state/i), "NO_PENDING_FLOW"]),
    );
  });

  it("rejects a callback without the browser's flow cookie (code injected into another browser)", async () => {
    const victim = new Browser();
    let stolen = "";
    await signIn(new Browser(), "ana", "/", (u) => void (stolen = u.search));
    const res = await victim.fetch(`${bff.url}/api/v1/auth/oidc/callback${stolen}`);
    expect(res.status).toBe(401);
    expect(victim.cookie(bff.url, "__Host-pregao_sid")).toBeUndefined();
  });

  it("ignores an off-site returnTo (open redirect) and lands on /", async () => {
    for (const evil of ["https://evil.example", "//evil.example/x", "/\\evil.example"]) {
      const { callback } = await signIn(new Browser(), "rui", evil);
      expect(callback.status).toBe(302);
      expect(callback.headers.get("location")).toBe("/");
    }
  });

  it("RP-initiated logout: ends the local session and returns the provider's end_session URL", async () => {
    const browser = new Browser();
    await signIn(browser, "rui");
    const me = (await (await session(browser)).json()) as { user: { roles: string[]; accounts: unknown[] } };
    expect(me.user.roles).toEqual(["risk"]);
    expect(me.user.accounts).toEqual([{ brokerId: 308, accountId: "10001" }]);

    const res = await browser.fetch(`${bff.url}/api/v1/auth/oidc/logout`, {
      method: "POST",
      headers: { origin: bff.url, "x-pregao-csrf": "1", "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(200);
    const { redirectTo, endSession } = (await res.json()) as { redirectTo: string; endSession: boolean };
    expect(endSession).toBe(true);
    const end = new URL(redirectTo);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get("id_token_hint")?.split(".")).toHaveLength(3);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${bff.url}/`);
    expect((await session(browser)).status).toBe(401);
    expect(bff.audit).toContainEqual(
      expect.objectContaining({ type: "logout", method: "oidc", user: "rui" }),
    );

    // The provider accepts the hint: its confirm page, then back to the registered post-logout URI.
    const confirm = await browser.follow(end);
    expect(confirm.res.status).toBe(200);
    const done = await browser.submitForm(confirm, { logout: "yes" }, (u) => u.origin === bff.url);
    expect(done.url.href).toBe(`${bff.url}/`);
  });

  it("works as a public client (no secret): PKCE alone protects the code", async () => {
    const browser = new Browser();
    const { authorize, callback } = await signIn(browser, "ana", "/", undefined, publicBff);
    expect(authorize.searchParams.get("client_id")).toBe(PUBLIC_CLIENT.clientId);
    expect(callback.status).toBe(302);
    const me = (await (await session(browser, publicBff)).json()) as {
      user: { roles: string[] };
      method: string;
    };
    expect(me).toMatchObject({ method: "oidc", user: { roles: ["trader"] } });
  });

  it("turns a refusal at the provider (user aborts) into 401, audited, no session", async () => {
    const browser = new Browser();
    const start = await browser.fetch(`${bff.url}/api/v1/auth/oidc/login`);
    const loginPage = await browser.follow(start.headers.get("location") ?? "");
    const uid = /\/interaction\/([^/]+)/.exec(loginPage.url.pathname)?.[1];
    const back = await browser.follow(`${idp.issuer}/interaction/${uid}/abort`, {}, isCallback);
    expect(back.url.searchParams.get("error")).toBe("access_denied");
    const res = await browser.fetch(back.url, { headers: { accept: "text/html" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).not.toMatch(/<script/i);
    expect(browser.cookie(bff.url, "__Host-pregao_sid")).toBeUndefined();
    expect(bff.audit).toContainEqual(
      expect.objectContaining({ type: "login.failure", method: "oidc", reason: "idp_error:access_denied" }),
    );
  });

  it("advertises SSO on the public providers route", async () => {
    const res = await fetch(`${bff.url}/api/v1/auth/providers`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      password: true,
      oidc: { enabled: true, loginUrl: "/api/v1/auth/oidc/login" },
    });
  });
});

describe("without OIDC_ISSUER", () => {
  it("offers password login only and mounts no OIDC routes", async () => {
    const plain = await startTestBff("ws://127.0.0.1:9/feed/v1", "t");
    try {
      const providers = await fetch(`${plain.url}/api/v1/auth/providers`);
      expect(await providers.json()).toEqual({ password: true, oidc: { enabled: false } });
      const login = await fetch(`${plain.url}/api/v1/auth/oidc/login`, { redirect: "manual" });
      expect(login.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("provider unreachable", () => {
  it("answers 503 UPSTREAM_UNAVAILABLE on login and keeps serving (discovery is retried later)", async () => {
    const bff = await startOidcBff({ OIDC_ISSUER: "http://127.0.0.1:9", OIDC_CLIENT_ID: "c" });
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${bff.url}/api/v1/auth/oidc/login`, {
          redirect: "manual",
          headers: { accept: "application/json" },
        });
        expect(res.status).toBe(503);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UPSTREAM_UNAVAILABLE");
        expect(res.headers.getSetCookie().some((c) => c.startsWith("__Host-pregao_oidc="))).toBe(false);
      }
    } finally {
      await bff.close();
    }
  });
});
