import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CSRF_HEADER } from "@pregao/contracts";
import type { SubmitOrder } from "@pregao/contracts";
import { api, ApiError, call, filenameOf, newTraceparent } from "./api-client.ts";
import { cancelOrder, orderErrorText } from "./trading.ts";
import { useSessionEndStore } from "./session-end-store.ts";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const anything = { parse: (d: unknown) => d };
const headersOf = (sent: unknown[]) => {
  const headers = new Headers((sent[1] as RequestInit).headers);
  return Object.fromEntries(headers.entries()) as Record<string, string | undefined>;
};
const login = { username: "x", password: "y" };
const order = {} as SubmitOrder;
const getSession = (o: Parameters<typeof api.session.$get>[1]) => api.session.$get({}, o);
const postOrder = (o: Parameters<typeof api.orders.$post>[1]) => api.orders.$post({ json: order }, o);
const postLogin = (o: Parameters<typeof api.auth.login.$post>[1]) => api.auth.login.$post({ json: login }, o);

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
    await call(postLogin);
    const sent = fetchMock.mock.calls[0]!;
    expect(sent[0]).toBe("/api/v1/auth/login");
    expect((sent[1] as RequestInit).method).toBe("POST");
    expect((sent[1] as RequestInit).credentials).toBe("same-origin");
    expect((sent[1] as RequestInit).body).toBe(JSON.stringify(login));
    expect(headersOf(sent)[CSRF_HEADER]).toBe("1");
    expect(headersOf(sent)["content-type"]).toBe("application/json");
  });

  it("builds paths and queries from the route table (params encoded)", async () => {
    fetchMock.mockResolvedValue(json(200, {}));
    await cancelOrder("a/b").catch(() => undefined); // `{}` is no order: BAD_RESPONSE, the request was sent
    await call((o) => api.instruments.$get({ query: { q: "PETR 4", limit: "20" } }, o));
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      "/api/v1/orders/a%2Fb",
      "/api/v1/instruments?q=PETR+4&limit=20",
    ]);
    expect((fetchMock.mock.calls[0]![1] as RequestInit).method).toBe("DELETE");
  });

  it("does not send the CSRF header on GET", async () => {
    fetchMock.mockResolvedValue(json(200, { ok: 1 }));
    await call((o) => api.instruments.$get({ query: {} }, o), anything);
    expect(headersOf(fetchMock.mock.calls[0]!)[CSRF_HEADER]).toBeUndefined();
  });

  it("ends the session app-wide on a 401 SESSION_EXPIRED", async () => {
    fetchMock.mockResolvedValue(json(401, { error: { code: "SESSION_EXPIRED", message: "expired" } }));
    const err = await call((o) => api.accounts.$get({}, o), anything).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).isSessionError).toBe(true);
    expect(useSessionEndStore.getState().cause).toBe("SESSION_EXPIRED");
  });

  it("only throws on 401 when the caller expects it (session probe, login form)", async () => {
    fetchMock.mockResolvedValue(json(401, { error: { code: "UNAUTHENTICATED", message: "no" } }));
    await expect(call(postLogin, anything, { onSessionError: "throw" })).rejects.toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
    });
    expect(useSessionEndStore.getState().cause).toBeNull();
  });

  it("keeps the envelope's field and details, so the UI can word the refusal in its own number format", async () => {
    const details = { rule: "MAX_ORDER_QUANTITY", limit: 1_000_000, value: 10_000_100 };
    fetchMock.mockResolvedValue(
      json(422, { error: { code: "RISK_REJECTED", message: "too big", field: "quantity", details } }),
    );
    const err = (await call(postOrder, anything).catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ code: "RISK_REJECTED", field: "quantity", details });
  });

  it("reads Retry-After on 429 and does not end the session", async () => {
    fetchMock.mockResolvedValue(
      json(429, { error: { code: "RATE_LIMITED", message: "slow down" } }, { "retry-after": "42" }),
    );
    const err = (await call(postLogin, anything).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.retryAfterS).toBe(42);
    expect(useSessionEndStore.getState().cause).toBeNull();
  });

  it("maps a network failure to NETWORK", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(call(getSession, anything)).rejects.toMatchObject({ code: "NETWORK" });
  });
});

describe("browser traceparent", () => {
  const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

  it("sends a fresh W3C traceparent on POST, PUT and DELETE, never on GET", async () => {
    fetchMock.mockImplementation(() => Promise.resolve(new Response(null, { status: 204 })));
    await call(postOrder);
    await call((o) => api.risk.limits.$put({ json: {} }, o));
    await call((o) => api.orders[":id"].$delete({ param: { id: "1" } }, o));
    await call(getSession, anything).catch(() => undefined);
    const sent = fetchMock.mock.calls.map((c) => headersOf(c).traceparent);
    for (const h of sent.slice(0, 3)) expect(h).toMatch(TRACEPARENT);
    expect(sent[3]).toBeUndefined();
    const traceIds = sent.slice(0, 3).map((h) => TRACEPARENT.exec(h!)![1]);
    expect(new Set(traceIds).size).toBe(3);
  });

  it("draws ids from crypto.getRandomValues and never sends an all-zero id", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    let calls = 0;
    spy.mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
      // First draw all zero (invalid), then 0xab bytes.
      if (a instanceof Uint8Array) a.fill(calls++ === 0 ? 0 : 0xab);
      return a;
    });
    const t = newTraceparent();
    spy.mockRestore();
    expect(t.traceId).toBe("ab".repeat(16));
    expect(t.header).toBe(`00-${"ab".repeat(16)}-${"ab".repeat(8)}-01`);
  });

  it("keeps the BFF's x-trace-id on a 5xx, and the order error names it for support", async () => {
    fetchMock.mockResolvedValue(
      json(500, { error: { code: "INTERNAL", message: "internal error" } }, { "x-trace-id": "f".repeat(32) }),
    );
    const err = await call(postOrder).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, traceId: "f".repeat(32) });
    expect(orderErrorText(err)).toBe(`internal error (trace ${"f".repeat(32)})`);
    const client = new ApiError(
      403,
      "RISK_REJECTED",
      "Kill switch active",
      undefined,
      undefined,
      "a".repeat(32),
    );
    expect(orderErrorText(client)).toBe("Kill switch active");
  });

  it("falls back to the trace it started when the BFF sent no x-trace-id", async () => {
    fetchMock.mockResolvedValue(json(503, { error: { code: "UPSTREAM_UNAVAILABLE", message: "down" } }));
    const err = (await call(postOrder).catch((e: unknown) => e)) as ApiError;
    const sent = headersOf(fetchMock.mock.calls[0]!).traceparent!;
    expect(sent).toContain(`-${err.traceId}-`);
    expect(orderErrorText(err)).toBe(`Order manager unavailable (trace ${err.traceId})`);
  });
});

describe("filenameOf", () => {
  it("reads the name from Content-Disposition, quoted or not; null otherwise", () => {
    expect(filenameOf('attachment; filename="audit-2026-12-03.csv"')).toBe("audit-2026-12-03.csv");
    expect(filenameOf("attachment; filename=audit.csv; size=10")).toBe("audit.csv");
    expect(filenameOf("inline")).toBeNull();
    expect(filenameOf(null)).toBeNull();
  });
});
