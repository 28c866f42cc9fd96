import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionResponse } from "@pregao/contracts";
import { ApiError } from "./api-client.ts";
import { can, logout, providersQueryOptions, sessionQueryOptions, ssoHref } from "./session.ts";
import { useSessionEndStore } from "./session-end-store.ts";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const session: SessionResponse = {
  user: { id: "u1", username: "ana", displayName: "Ana", roles: ["trader"], accounts: [] },
  permissions: ["market:read", "orders:write"],
  expiresAt: 2,
  idleExpiresAt: 1,
  method: "password",
};

let fetchMock: ReturnType<typeof vi.fn>;
let qc: QueryClient;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
  qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  useSessionEndStore.getState().clear();
});
afterEach(() => vi.unstubAllGlobals());

describe("the current session", () => {
  it("is the server's session, or null (not an error) when nobody is logged in or it expired", async () => {
    fetchMock.mockResolvedValueOnce(json(200, session));
    expect(await qc.fetchQuery(sessionQueryOptions())).toEqual(session);
    for (const code of ["UNAUTHENTICATED", "SESSION_EXPIRED"]) {
      fetchMock.mockResolvedValueOnce(json(401, { error: { code, message: "no" } }));
      expect(await qc.fetchQuery({ ...sessionQueryOptions(), staleTime: 0 })).toBeNull();
    }
  });

  it("is an error when the server fails: the app must not show the login page for a 503", async () => {
    fetchMock.mockResolvedValueOnce(json(503, { error: { code: "UPSTREAM_UNAVAILABLE", message: "down" } }));
    const err = await qc.fetchQuery(sessionQueryOptions()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 503 });
  });

  it("grants a permission only when the session holds it", () => {
    expect(can(session, "orders:write")).toBe(true);
    expect(can(session, "risk:write")).toBe(false);
    expect(can(null, "market:read")).toBe(false);
    expect(can(undefined, "market:read")).toBe(false);
  });
});

describe("logout", () => {
  it("a password session posts to /auth/logout and stays in the app", async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    expect(await logout("password")).toBeNull();
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/v1/auth/logout");
    expect((fetchMock.mock.calls[0]![1] as RequestInit).method).toBe("POST");
  });

  it("an OIDC session goes to the provider's end-session URL only when the server says it is one", async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, { redirectTo: "https://idp.example/logout?x=1", endSession: true }),
    );
    expect(await logout("oidc")).toBe("https://idp.example/logout?x=1");
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/v1/auth/oidc/logout");
    fetchMock.mockResolvedValueOnce(json(200, { redirectTo: "/login", endSession: false }));
    expect(await logout("oidc")).toBeNull();
  });
});

describe("SSO", () => {
  it("asks the BFF to come back to the page the user wanted, encoded, unless that is the home page", () => {
    expect(ssoHref("/api/v1/auth/oidc/login", "/")).toBe("/api/v1/auth/oidc/login");
    expect(ssoHref("/api/v1/auth/oidc/login", "/risk?tab=a&b=1")).toBe(
      "/api/v1/auth/oidc/login?returnTo=%2Frisk%3Ftab%3Da%26b%3D1",
    );
    expect(ssoHref("/oidc/login?prompt=login", "/risk")).toBe("/oidc/login?prompt=login&returnTo=%2Frisk");
  });

  it("keeps a login URL only when it is safe in an href (same-origin path or http/https)", async () => {
    const providers = async (loginUrl: string | undefined) => {
      fetchMock.mockResolvedValueOnce(json(200, { password: true, oidc: { enabled: true, loginUrl } }));
      return (await qc.fetchQuery({ ...providersQueryOptions(), staleTime: 0 })).oidc.loginUrl;
    };
    expect(await providers("/api/v1/auth/oidc/login")).toBe("/api/v1/auth/oidc/login");
    expect(await providers("https://sso.example/start")).toBe("https://sso.example/start");
    expect(await providers("javascript:alert(1)")).toBeUndefined();
    expect(await providers("//evil.example/login")).toBeUndefined();
    expect(await providers("data:text/html,hi")).toBeUndefined();
    expect(await providers(undefined)).toBeUndefined();
  });
});
