import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER, type Quote, type Workspace } from "@pregao/contracts";
import { gatewayUnavailable } from "../../../deploy/gateway/gateway.ts";
import { call, until, type ClientSocket } from "../helpers/clients.ts";
import { demoPasswords } from "../helpers/session.ts";
import { cookiesOf, H2Client, startGatewayStack, type GatewayStack } from "./harness.ts";

// The real nginx + ModSecurity + OWASP CRS in front of two BFFs sharing Redis (deploy/gateway, docs/deployment.md).
// .ci/run installs the Debian packages; without them this suite is skipped, saying which are missing.
const missing = gatewayUnavailable();
if (missing) console.warn(`gateway tests skipped: ${missing}`);

describe.skipIf(missing !== undefined)("through the gateway (nginx + CRS, 2 BFFs)", () => {
  let s: GatewayStack;
  let client: H2Client;
  let cookie = "";
  const spa = (extra: Record<string, string> = {}) => ({
    origin: s.origin,
    [CSRF_HEADER]: "1",
    "content-type": "application/json",
    ...(cookie ? { cookie } : {}),
    ...extra,
  });
  const auditIps = () =>
    s.bffs.flatMap((b) => {
      b.audit.flushSync();
      return readFileSync(b.config.AUDIT_LOG_FILE!, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { event: string; ip: string; user?: { username?: string } });
    });

  beforeAll(async () => {
    // A small login burst, so the edge limit is reached with a dozen requests (each one that passes costs a hash).
    s = await startGatewayStack(2, { loginBurst: 5 });
    client = new H2Client(s);
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await s?.close();
  });

  it("terminates TLS and negotiates HTTP/2 (ALPN h2)", async () => {
    const alpn = await new Promise<string | false>((resolve, reject) => {
      const sock = tlsConnect(
        {
          host: "127.0.0.1",
          port: s.gateway.port,
          ca: s.ca.toString("utf8"),
          ALPNProtocols: ["h2", "http/1.1"],
          servername: "localhost",
        },
        () => {
          resolve(sock.alpnProtocol ?? false);
          sock.end();
        },
      );
      sock.on("error", reject);
    });
    expect(alpn).toBe("h2");
    expect((await client.request("GET", "/health/live")).status).toBe(200);
  });

  it("sends HSTS once (the gateway) and the BFF's security headers once", async () => {
    const res = await client.request("GET", "/api/v1/auth/providers");
    expect(res.status).toBe(200);
    expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["content-security-policy"]).toMatch(/^default-src 'self'/);
  });

  it("blocks a SQL injection in a query parameter with 403 in the error envelope", async () => {
    const res = await client.request("GET", `/api/v1/instruments?q=${encodeURIComponent("1' OR '1'='1")}`);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: "FORBIDDEN", requestId: expect.any(String) } });
    expect(res.headers["strict-transport-security"]).toBeDefined();
  });

  it("lets the app's own traffic through the WAF: login, instruments, workspace GET and PUT", async () => {
    const login = await client.request(
      "POST",
      "/api/v1/auth/login",
      spa(),
      JSON.stringify({ username: "trader", password: demoPasswords.trader }),
    );
    expect(login.status).toBe(200);
    cookie = `__Host-pregao_sid=${cookiesOf(login)["__Host-pregao_sid"]}`;

    expect((await client.request("GET", "/api/v1/instruments?q=PETR", spa())).status).toBe(200);
    const ws = (await client.request("GET", "/api/v1/workspace", spa())).json<Workspace>();
    const name = "Ações d'Ana — 1º";
    const put = await client.request(
      "PUT",
      "/api/v1/workspace",
      spa(),
      // A name a trader would type (apostrophe, accents) must not look like an injection to the CRS.
      JSON.stringify({
        ...ws,
        watchlists: [{ name, assets: ["PETR4:B", "VALE3:B"] }],
        activeWatchlist: name,
      }),
    );
    expect(put.status, put.text).toBe(200);
  });

  let last = 0;
  it("upgrades the socket.io WebSocket through the gateway (quotes flow)", async () => {
    const sock: ClientSocket = io(s.origin, {
      path: "/socket.io",
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      ca: s.ca.toString("utf8"),
      extraHeaders: { origin: s.origin, cookie },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        sock.once("connect", () => resolve());
        sock.once("connect_error", reject);
      });
      const ack = await call(sock, "quotes:subscribe", { assets: ["PETR4:B"] });
      expect(ack.ok).toBe(true);
      last = (ack.data.quotes[0] as Quote).last!;
      expect(last).toBeGreaterThan(0);
    } finally {
      sock.disconnect();
    }
  });

  it("answers a WebSocket upgrade outside /socket.io/ as plain HTTP, and it takes no instance out of rotation", async () => {
    // Forwarded, such an upgrade was closed by the BFF without a response; nginx counted each as a failed instance, so
    // two of them (from anyone) made every request 503 "no live upstreams" for fail_timeout.
    const upgradeAt = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpsRequest(`${s.origin}${path}`, {
          ca: s.ca,
          headers: {
            connection: "Upgrade",
            upgrade: "websocket",
            "sec-websocket-version": "13",
            "sec-websocket-key": randomBytes(16).toString("base64"),
            origin: s.origin,
          },
        });
        req.once("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.once("upgrade", (res, socket) => {
          socket.destroy();
          resolve(res.statusCode ?? 0);
        });
        req.once("error", reject);
        req.end();
      });
    for (let i = 0; i < 4; i++) expect(await upgradeAt("/not-a-socket/?transport=websocket")).not.toBe(101);
    // Both instances still in rotation: round-robin sends one of two requests to each (an instance out of rotation is
    // skipped; both out → 503 "no live upstreams"). Not /health/ready: that also reports the instances' dependencies,
    // which a loaded CI machine can make flap (it answered 503 once), and says nothing about rotation.
    for (let i = 0; i < 2; i++) {
      const res = await client.request("GET", "/api/v1/auth/providers");
      expect(res.status, res.text).toBe(200);
    }
    expect(await upgradeAt("/socket.io/?EIO=4&transport=websocket")).toBe(101); // socket.io still upgrades
  });

  const limitBuy = () => ({
    account: { brokerId: 308, accountId: "10001" },
    asset: "PETR4:B",
    side: "BUY",
    type: "LIMIT",
    quantity: 100,
    price: Math.round(last * 0.99 * 100) / 100,
    timeInForce: "DAY",
    idempotencyKey: randomUUID(),
  });

  it("lets an order POST through the WAF", async () => {
    const res = await client.request("POST", "/api/v1/orders", spa(), JSON.stringify(limitBuy()));
    expect(res.status, res.text).toBe(201);
  });

  it("long-polling: the stickiness cookie keeps every poll on the instance holding the engine.io session", async () => {
    const path = "/socket.io/?EIO=4&transport=polling";
    const open = await client.request("GET", path, spa());
    expect(open.status).toBe(200);
    const { sid } = JSON.parse(open.text.slice(1)) as { sid: string };
    const node = cookiesOf(open).pregao_node;
    expect(node).toMatch(/^gw-[12]$/);
    const sticky = spa({
      cookie: `${cookie}; pregao_node=${node}`,
      "content-type": "text/plain;charset=UTF-8",
    });
    // socket.io CONNECT over polling, then read the connect ack and a few more polls; all must hit one instance.
    const sent = await client.request("POST", `${path}&sid=${sid}`, sticky, "40");
    expect(sent.status, sent.text).toBe(200);
    const acked = await client.request("GET", `${path}&sid=${sid}`, sticky);
    expect(acked.status).toBe(200);
    expect(acked.text).toMatch(/^40\{"sid":/);
    for (let i = 0; i < 6; i++) {
      const ping = await client.request("POST", `${path}&sid=${sid}`, sticky, `42["connection:ping",{}]`);
      expect(ping.status, ping.text).toBe(200);
    }
  });

  it("the BFF sees the client's address (X-Forwarded-For from the gateway); a client's own header is replaced", async () => {
    const other = new H2Client(s, "127.0.0.2");
    try {
      const user = `nobody-${randomUUID().slice(0, 8)}`;
      const res = await other.request(
        "POST",
        "/api/v1/auth/login",
        { ...spa(), cookie: "", "x-forwarded-for": "6.6.6.6" },
        JSON.stringify({ username: user, password: "not-the-password" }),
      );
      expect(res.status).toBe(401);
      const line = await until(() =>
        auditIps().find((l) => l.event === "login.failure" && l.user?.username === user),
      );
      expect(line.ip).toBe("127.0.0.2");
    } finally {
      other.close();
    }
  });

  it("rate-limits logins per address at the edge: 429 in the error envelope, other addresses unaffected", async () => {
    const flood = new H2Client(s, "127.0.0.3");
    try {
      const body = JSON.stringify({ username: "nobody", password: "not-the-password" });
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          flood.request("POST", "/api/v1/auth/login", { ...spa(), cookie: "" }, body),
        ),
      );
      const limited = answers.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0]!.json()).toMatchObject({
        error: { code: "RATE_LIMITED", requestId: expect.any(String) },
      });
      expect(limited[0]!.headers["retry-after"]).toBe("1");
      expect((await client.request("GET", "/api/v1/auth/providers")).status).toBe(200);
    } finally {
      flood.close();
    }
  });

  it("retries a connect failure on the other instance: GETs and an order POST still succeed with one BFF down", async () => {
    await s.bffs[0]!.close();
    for (let i = 0; i < 6; i++) expect((await client.request("GET", "/health/live")).status).toBe(200);
    const res = await client.request("POST", "/api/v1/orders", spa(), JSON.stringify(limitBuy()));
    expect(res.status, res.text).toBe(201);
    const log = readFileSync(join(s.logDir, "error.log"), "utf8");
    expect(log).toMatch(/connect\(\) failed \(111: Connection refused\) while connecting to upstream/);
  });
});
