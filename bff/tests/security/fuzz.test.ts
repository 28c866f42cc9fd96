import { request } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER, clientEventNames, errorCodeSchema } from "@pregao/contracts";
import { httpAccess } from "../../src/security/access-table.ts";
import { connectWith, loginAs, startSecureStack, type DemoUser, type SecureStack } from "./harness.ts";

/** Runs per route family / socket property; FUZZ_RUNS=1000 for a deep run (default keeps the suite ≈ 20 s). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let s: SecureStack;
const cookies = new Map<DemoUser, string>();
beforeAll(async () => {
  // Limits off: the fuzzer must reach the handlers (the limits have their own tests).
  s = await startSecureStack({
    RATE_API_PER_MIN: 0,
    RATE_LOGIN_IP: 0,
    RATE_LOGIN_USER_FAILURES: 0,
    RATE_SOCKET_EVENTS: 0,
    RATE_SOCKET_SESSION_EVENTS: 0,
    RATE_SOCKET_USER_EVENTS: 0,
  });
  for (const u of ["trader", "risk", "viewer"] as const) cookies.set(u, await loginAs(s, u));
});
afterAll(() => s.close());

// ---------- HTTP ----------

const printable = fc.string({
  unit: fc.constantFrom(..."abcxyzABC019 -_.~:/;=,%?&#@!$'()*+[]{}\"<>\\|^`".split("")),
  maxLength: 40,
});
const method = fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "FOO");
const contentType = fc.option(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "multipart/form-data",
    "application/octet-stream",
    "garbage",
  ),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.record({ username: fc.anything({ maxDepth: 1 }), password: fc.anything({ maxDepth: 1 }) }).map((v) => {
    try {
      return JSON.stringify(v) ?? "{}";
    } catch {
      return "{}";
    }
  }),
  fc
    .record({ username: fc.stringMatching(/^[a-z]{1,8}$/), password: printable })
    .map((v) => JSON.stringify(v)),
  printable,
  fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc.constant('{"username":"trader","password":'), // truncated JSON
  fc.constant('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'),
);
const suffix = fc.oneof(
  fc.constant(""),
  fc.constant("/"),
  fc.constantFrom("/..", "/../..", "/%2e%2e/", "/%00", "//", "/x", "?a=1&a=2", "?__proto__[x]=1", "#frag"),
  printable.map((p) => `?q=${encodeURIComponent(p)}`),
  printable.map((p) => `/${encodeURIComponent(p)}`),
);
const extraHeaders = fc.record(
  {
    origin: fc.oneof(fc.constant("https://evil.example"), fc.constant("null"), printable),
    "sec-fetch-site": fc.constantFrom("same-origin", "cross-site", "same-site", "none", "garbage"),
    csrf: fc.boolean(),
    "x-forwarded-for": printable,
    accept: fc.constantFrom("application/json", "text/html", "*/*"),
    junkCookie: printable,
  },
  { requiredKeys: [] },
);
const who = fc.constantFrom<DemoUser | null>(null, "trader", "risk", "viewer");

interface Sent {
  status: number;
  contentType: string;
  bodyText: string;
}

/** node:http so methods, bodies and headers are sent exactly as generated (fetch normalises too much). */
function send(
  path: string,
  m: string,
  headers: Record<string, string>,
  payload?: string | Buffer,
): Promise<Sent> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: m, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers["content-type"] ?? "",
          bodyText: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** Route families: every path in the access table (mounted or not), with its params filled in. */
const families = [
  ...new Set(httpAccess.map((r) => r.path.replace("/*", "/anything").replace(/:[a-z]+/gi, "x"))),
];

describe("HTTP fuzzing: every route, any method/body/headers, logged in or not", () => {
  it.each(families)("%s never answers 5xx", async (path) => {
    await fc.assert(
      fc.asyncProperty(
        method,
        suffix,
        contentType,
        body,
        extraHeaders,
        who,
        async (m, suf, ct, b, extra, user) => {
          const headers: Record<string, string> = {};
          if (ct) headers["content-type"] = ct;
          if (extra.origin !== undefined) headers.origin = extra.origin;
          if (extra["sec-fetch-site"]) headers["sec-fetch-site"] = extra["sec-fetch-site"];
          if (extra.csrf) headers[CSRF_HEADER] = "1";
          if (extra["x-forwarded-for"] !== undefined) headers["x-forwarded-for"] = extra["x-forwarded-for"];
          if (extra.accept) headers.accept = extra.accept;
          const jar = [user ? cookies.get(user) : undefined, extra.junkCookie].filter((x) => x !== undefined);
          if (jar.length) headers.cookie = jar.join("; ");
          const res = await send(path + suf, m, headers, m === "GET" || m === "HEAD" ? undefined : b);
          const healthProbe = path === "/health/ready" && res.status === 503; // "feed not live" is the probe's answer
          // No backend services in this harness: trading routes answer 503 UPSTREAM_UNAVAILABLE, the designed answer;
          // so do the audit routes, whose database trail is off in test BFFs (a HEAD carries no body to show the code).
          const trading = /^\/api\/v1\/(orders|positions|risk|audit)/.test(path);
          const upstreamDown =
            res.status === 503 &&
            (res.bodyText.includes('"UPSTREAM_UNAVAILABLE"') || (m === "HEAD" && trading));
          if (res.status >= 500 && !healthProbe && !upstreamDown)
            throw new Error(`${m} ${path + suf} → ${res.status} ${res.bodyText}`);
          // Every error the BFF writes is the envelope with a known code. (Node's own parser answers an unknown
          // method with a bare 400 before the app runs; that has no JSON body.)
          const enveloped = m !== "HEAD" && path.startsWith("/api/") && res.contentType.includes("json");
          if (res.status >= 400 && enveloped) {
            const parsed = JSON.parse(res.bodyText) as { error: { code: string } };
            expect(errorCodeSchema.safeParse(parsed.error.code).success).toBe(true);
          }
          // A login or logout that got through ended that session: log in again for the next run.
          if (user && m === "POST" && /\/(login|logout)$/.test(path)) {
            const alive = await send("/api/v1/session", "GET", { cookie: cookies.get(user)! });
            if (alive.status !== 200) cookies.set(user, await loginAs(s, user));
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect((await send("/health/live", "GET", {})).status).toBe(200);
  });
});

// ---------- socket.io ----------

const reserved = new Set([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);
const eventName = fc.oneof(
  fc.constantFrom(...clientEventNames),
  fc.constantFrom(
    "quotes:subscribe ",
    "QUOTES:SUBSCRIBE",
    "orders:submit",
    "__proto__",
    "constructor",
    "toString",
  ),
  printable.filter((n) => !reserved.has(n)),
);
const payload = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }),
  fc.record({ assets: fc.array(fc.string({ maxLength: 12 }), { maxLength: 1000 }) }),
  fc.record({
    assets: fc.array(fc.constantFrom("PETR4:B", "VALE3:B", "XXXX9:Z", "petr4"), { maxLength: 150 }),
  }),
  fc.constant({ assets: Array.from({ length: 4000 }, (_, i) => `AAAA${i % 10}:B`) }), // ~50 KB, under the cap
);
/** Rough encoded size of an event frame (JSON; binary attachments counted by length). */
function frameSize(event: string, args: unknown[]): number {
  try {
    return JSON.stringify([event, ...args], (_k, v: unknown) =>
      ArrayBuffer.isView(v) ? "x".repeat(v.byteLength) : v,
    ).length;
  } catch {
    return Infinity;
  }
}

const shape = fc.record({
  event: eventName,
  args: fc.array(payload, { minLength: 0, maxLength: 3 }),
  withAck: fc.boolean(),
});

describe("socket fuzzing: every event and random ones, any payload, ack or not", () => {
  it("never crashes, acks are always { ok } shaped, the socket stays connected", async () => {
    const sockets = await Promise.all(
      (["trader", "risk", "viewer"] as const).map((u) => connectWith(s.url, cookies.get(u) ?? "", s.origin)),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), shape, async (i, { event, args, withAck }) => {
        const sock = sockets[i]!;
        // Stay under maxHttpBufferSize: an oversized frame closing the socket is covered in limits.test.ts.
        fc.pre(frameSize(event, args) < 60_000);
        expect(sock.connected, "socket closed by an earlier run").toBe(true);
        if (!withAck) {
          (sock.emit as (...a: unknown[]) => void)(event, ...args);
          return;
        }
        const ack = await new Promise<unknown>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`no ack for ${event}`)), 3000);
          (sock.emit as (...a: unknown[]) => void)(event, ...args, (a: unknown) => {
            clearTimeout(t);
            resolve(a);
          });
        });
        expect(ack).toMatchObject({ ok: expect.any(Boolean) });
        const a = ack as { ok: boolean; error?: { code: string; message: string } };
        if (!a.ok) {
          expect(errorCodeSchema.safeParse(a.error?.code).success).toBe(true);
          expect(a.error?.code).not.toBe("INTERNAL");
          expect(typeof a.error?.message).toBe("string");
        }
        expect(sock.connected).toBe(true);
      }),
      { numRuns: RUNS * 5 },
    );
    for (const sock of sockets) expect(sock.connected).toBe(true);
    const ok = await new Promise((r) => sockets[0]!.emit("quotes:subscribe", { assets: ["PETR4:B"] }, r));
    expect(ok).toMatchObject({ ok: true });
    for (const sock of sockets) sock.disconnect();
  });

  it("raw malformed and reserved-name frames close only the offending socket", async () => {
    const bystander = await connectWith(s.url, cookies.get("viewer"), s.origin);
    const frames = [
      '42["disconnect"]',
      '42["connect"]',
      "42[",
      "4",
      "49",
      '42{"a":1}',
      "40/other,",
      '43["x"]',
      "✓",
    ];
    for (const frame of frames) {
      const attacker = await connectWith(s.url, cookies.get("trader"), s.origin);
      const engine = (attacker.io as unknown as { engine: { send(d: string): void } }).engine;
      engine.send(frame);
      await new Promise((r) => setTimeout(r, 50));
      attacker.disconnect();
    }
    const ack = await new Promise((r) => bystander.emit("quotes:subscribe", { assets: ["PETR4:B"] }, r));
    expect(ack).toMatchObject({ ok: true });
    expect(bystander.connected).toBe(true);
    expect((await send("/health/live", "GET", {})).status).toBe(200);
    bystander.disconnect();
  });
});
