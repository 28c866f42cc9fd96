import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until, type ClientSocket } from "../helpers/clients.ts";
import { io } from "socket.io-client";
import { loginAs, spaHeaders, startSecureStack, type SecureStack } from "../security/harness.ts";

/** A failed login's audit line carries the client address the BFF resolved (login guard and rate limits use it too). */
async function failedLoginIp(s: SecureStack, forwardedFor?: string): Promise<unknown> {
  const marker = `nobody-${Math.random().toString(36).slice(2, 8)}`;
  const headers = { ...spaHeaders(s.origin), ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) };
  const res = await fetch(`${s.url}/api/v1/auth/login`, {
    method: "POST",
    headers,
    body: JSON.stringify({ username: marker, password: "wrong-password" }),
  });
  expect(res.status).toBe(401);
  const line = await until(() =>
    s
      .auditLines()
      .find((l) => l.event === "login.failure" && (l.user as { username?: string }).username === marker),
  );
  return line.ip;
}

/** Opens a socket carrying `forwardedFor` and returns how many sockets the BFF counts under `ip` (the per-IP cap). */
async function socketsHeldBy(s: SecureStack, forwardedFor: string, ip: string): Promise<number> {
  const cookie = await loginAs(s, "viewer");
  const sock: ClientSocket = io(s.url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin: s.origin, cookie, "x-forwarded-for": forwardedFor },
  });
  await new Promise<void>((resolve, reject) => {
    sock.once("connect", () => resolve());
    sock.once("connect_error", reject);
  });
  try {
    return s.bff.realtime.caps!.held({ session: "", user: "", ip }).ip;
  } finally {
    sock.disconnect();
  }
}

describe("behind trusted proxies (TRUSTED_PROXIES=loopback,10.0.0.0/8)", () => {
  let s: SecureStack;
  beforeAll(async () => {
    s = await startSecureStack({
      TRUSTED_PROXIES: "loopback, 10.0.0.0/8",
      RATE_LOGIN_IP: 0,
      SOCKET_MAX_PER_IP: 50,
    });
  });
  afterAll(() => s.close());

  it("HTTP: the X-Forwarded-For address is the client", async () => {
    expect(await failedLoginIp(s, "198.51.100.7")).toBe("198.51.100.7");
  });

  it("HTTP: a chain picks the last hop no trusted proxy vouches for (a spoofed left part is ignored)", async () => {
    expect(await failedLoginIp(s, "6.6.6.6, 198.51.100.8, 10.4.4.4")).toBe("198.51.100.8");
  });

  it("HTTP: no header → the peer", async () => {
    expect(await failedLoginIp(s)).toBe("127.0.0.1");
  });

  it("socket handshake: counted under the forwarded address, through a chain too", async () => {
    expect(await socketsHeldBy(s, "198.51.100.20", "198.51.100.20")).toBe(1);
    expect(await socketsHeldBy(s, "6.6.6.6, 198.51.100.21, 10.9.9.9", "198.51.100.21")).toBe(1);
  });
});

describe("no trusted proxies (the default)", () => {
  let s: SecureStack;
  beforeAll(async () => {
    s = await startSecureStack({ RATE_LOGIN_IP: 0, SOCKET_MAX_PER_IP: 50 });
  });
  afterAll(() => s.close());

  it("HTTP: a spoofed X-Forwarded-For is ignored", async () => {
    expect(await failedLoginIp(s, "198.51.100.9")).toBe("127.0.0.1");
  });

  it("socket handshake: a spoofed X-Forwarded-For is ignored", async () => {
    expect(await socketsHeldBy(s, "198.51.100.22", "198.51.100.22")).toBe(0);
    expect(await socketsHeldBy(s, "198.51.100.22", "127.0.0.1")).toBe(1);
  });
});

describe("the gateway's stickiness cookie", () => {
  let s: SecureStack;
  beforeAll(async () => {
    s = await startSecureStack({ INSTANCE_ID: "bff-a" });
  });
  afterAll(() => s.close());

  it("the engine.io handshake sets pregao_node=<INSTANCE_ID> (HttpOnly, Secure, SameSite=Strict, socket.io path)", async () => {
    const res = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: s.origin } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toContain(
      "pregao_node=bff-a; Path=/socket.io/; HttpOnly; Secure; SameSite=Strict",
    );
  });
});
