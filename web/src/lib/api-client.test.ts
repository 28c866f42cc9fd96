import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CSRF_HEADER } from "@pregao/contracts";
import { ApiError, getJson, postJson } from "./api-client.ts";
import { useSessionEndStore } from "./session-end-store.ts";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const anything = { parse: (d: unknown) => d };
const headersOf = (call: unknown[]) => (call[1] as RequestInit).headers as Record<string, string>;

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
  useSessionEndStore.getState().clear();
});
afterEach(() => vi.unstubAllGlobals());

describe("api client", () => {
  it("sends the CSRF header on POST, with the JSON body and same-origin credentials", async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await postJson("/api/v1/auth/logout", {});
    const call = fetchMock.mock.calls[0]!;
    expect(call[0]).toBe("/api/v1/auth/logout");
    expect((call[1] as RequestInit).method).toBe("POST");
    expect((call[1] as RequestInit).credentials).toBe("same-origin");
    expect(headersOf(call)[CSRF_HEADER]).toBe("1");
    expect(headersOf(call)["content-type"]).toBe("application/json");
  });

  it("does not send the CSRF header on GET", async () => {
    fetchMock.mockResolvedValue(json(200, { ok: 1 }));
    await getJson("/api/v1/instruments", anything);
    expect(headersOf(fetchMock.mock.calls[0]!)[CSRF_HEADER]).toBeUndefined();
  });

  it("ends the session app-wide on a 401 SESSION_EXPIRED", async () => {
    fetchMock.mockResolvedValue(json(401, { error: { code: "SESSION_EXPIRED", message: "expired" } }));
    const err = await getJson("/api/v1/accounts", anything).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).isSessionError).toBe(true);
    expect(useSessionEndStore.getState().cause).toBe("SESSION_EXPIRED");
  });

  it("only throws on 401 when the caller expects it (session probe, login form)", async () => {
    fetchMock.mockResolvedValue(json(401, { error: { code: "UNAUTHENTICATED", message: "no" } }));
    await expect(
      postJson("/api/v1/auth/login", { username: "x", password: "y" }, anything, { onSessionError: "throw" }),
    ).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(useSessionEndStore.getState().cause).toBeNull();
  });

  it("reads Retry-After on 429 and does not end the session", async () => {
    fetchMock.mockResolvedValue(
      json(429, { error: { code: "RATE_LIMITED", message: "slow down" } }, { "retry-after": "42" }),
    );
    const err = (await postJson("/api/v1/auth/login", {}, anything).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.retryAfterS).toBe(42);
    expect(useSessionEndStore.getState().cause).toBeNull();
  });

  it("maps a network failure to NETWORK", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(getJson("/api/v1/session", anything)).rejects.toMatchObject({ code: "NETWORK" });
  });
});
