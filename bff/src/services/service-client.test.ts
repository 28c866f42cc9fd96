import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "../lib/http-error.ts";
import { silentLogger } from "../lib/logger.ts";
import { mapServiceError } from "./envelope.ts";
import { UpstreamUnavailableError } from "./errors.ts";
import { ServiceClient } from "./service-client.ts";
import { BFF_SUBJECT } from "./token-minter.ts";

type Reply = { status: number; body?: unknown; delayMs?: number };
let server: Server;
let url = "";
let replies: Reply[] = [];
let hits: { method: string; auth: string | undefined }[] = [];

beforeEach(async () => {
  replies = [];
  hits = [];
  server = createServer((req, res) => {
    hits.push({ method: req.method ?? "", auth: req.headers.authorization });
    const r = replies.shift() ?? { status: 200, body: { success: true, data: { ok: 1 } } };
    setTimeout(() => {
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(JSON.stringify(r.body ?? {}));
    }, r.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const client = (over: Partial<ConstructorParameters<typeof ServiceClient>[0]> = {}) =>
  new ServiceClient({
    service: "order-manager",
    audience: "order-manager",
    baseUrl: url,
    minter: { mint: async () => "tok" },
    logger: silentLogger,
    timeoutMs: 100,
    breakerThreshold: 2,
    breakerCooldownMs: 200,
    retries: 2,
    retryBaseMs: 1,
    ...over,
  });
const data = z.object({ ok: z.number() });
const get = { method: "GET" as const, path: "/x", subject: BFF_SUBJECT, idempotent: true, data };
const post = { ...get, method: "POST" as const, idempotent: false, body: {} };

describe("ServiceClient", () => {
  it("sends the bearer and unwraps the success envelope", async () => {
    await expect(client().call(get)).resolves.toEqual({ status: 200, data: { ok: 1 } });
    expect(hits[0]!.auth).toBe("Bearer tok");
  });

  it("retries idempotent calls on 5xx/timeout, never non-idempotent ones", async () => {
    replies = [
      { status: 503 },
      { status: 200, delayMs: 300 },
      { status: 200, body: { success: true, data: { ok: 2 } } },
    ];
    await expect(client({ breakerThreshold: 10 }).call(get)).resolves.toMatchObject({ data: { ok: 2 } });
    expect(hits).toHaveLength(3);
    hits = [];
    replies = [{ status: 503 }];
    await expect(client({ breakerThreshold: 10 }).call(post)).rejects.toBeInstanceOf(
      UpstreamUnavailableError,
    );
    expect(hits).toHaveLength(1);
  });

  it("times out → 503; breaker opens → fails at once without calling; half-open probe closes it", async () => {
    const c = client({ retries: 0 });
    replies = [
      { status: 200, delayMs: 300 },
      { status: 200, delayMs: 300 },
    ];
    await expect(c.call(get)).rejects.toMatchObject({ status: 503, code: "UPSTREAM_UNAVAILABLE" });
    await expect(c.call(get)).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(c.status().state).toBe("open");
    const before = hits.length;
    const t0 = performance.now();
    const err = (await c.call(get).catch((e: unknown) => e)) as UpstreamUnavailableError;
    expect(performance.now() - t0).toBeLessThan(20);
    expect(err.details).toEqual({ service: "order-manager", reason: "circuit open" });
    expect(hits.length).toBe(before);
    await new Promise((r) => setTimeout(r, 250));
    await expect(c.call(get)).resolves.toMatchObject({ data: { ok: 1 } });
    expect(c.status().state).toBe("closed");
  });

  it("unreachable service → UpstreamUnavailableError naming it", async () => {
    const c = client({ baseUrl: "http://127.0.0.1:9", service: "risk", audience: "risk" });
    await expect(c.call(get)).rejects.toMatchObject({
      message: "risk service unavailable",
      details: { service: "risk" },
    });
  });

  it("4xx are answers, not failures: mapped, not counted against the breaker", async () => {
    const c = client({ breakerThreshold: 1 });
    replies = [{ status: 403, body: { success: false, error: "Kill switch active", code: "RISK_REJECTED" } }];
    await expect(c.call(post)).rejects.toMatchObject({
      status: 403,
      code: "RISK_REJECTED",
      message: "Kill switch active",
    });
    expect(c.status().state).toBe("closed");
  });
});

describe("mapServiceError", () => {
  const m = (status: number, body: unknown) => mapServiceError("order-manager", status, body);
  it("maps the order manager's envelopes to the BFF's", () => {
    expect(
      m(400, { success: false, error: "bad tick", code: "VALIDATION_FAILED", field: "price" }),
    ).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "price", message: "bad tick" });
    expect(m(403, { success: false, error: "Daily loss limit", code: "RISK_REJECTED" })).toMatchObject({
      status: 403,
      code: "RISK_REJECTED",
      message: "Daily loss limit",
    });
    expect(m(403, { success: false, error: "account not yours", code: "FORBIDDEN" })).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
    });
    expect(m(404, { success: false, error: "order not found", code: "NOT_FOUND" })).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    expect(m(409, { success: false, error: "already filled", code: "CONFLICT" })).toMatchObject({
      status: 409,
      code: "CONFLICT",
    });
    expect(m(429, null)).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    const refused = m(401, { success: false, error: "bad token", code: "UNAUTHENTICATED" });
    expect(refused).toBeInstanceOf(UpstreamUnavailableError);
    expect(refused).toMatchObject({
      status: 503,
      details: { service: "order-manager", reason: "service token refused" },
    });
    expect(m(500, "junk")).toBeInstanceOf(HttpError);
  });
});
