import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, until, type ClientSocket } from "../helpers/clients.ts";
import { connectWith, loginAs, startSecureStack, type SecureStack } from "./harness.ts";

type ConnectError = {
  message: string;
  data?: { code?: string; message?: string; details?: { scope?: string } };
};

let s: SecureStack;
const open: ClientSocket[] = [];
beforeAll(async () => {
  s = await startSecureStack({
    SOCKET_MAX_PER_SESSION: 3,
    SOCKET_MAX_PER_USER: 5,
    SOCKET_MAX_PER_IP: 7,
    RATE_SOCKET_REFUSED_PER_IP: 0, // refused-handshake limit has its own test (audit-flood)
    RATE_LOGIN_IP: 0,
  });
});
afterAll(async () => {
  for (const sock of open) sock.disconnect();
  await s.close();
});

const connectAs = async (cookie: string): Promise<ClientSocket> => {
  const sock = await connectWith(s.url, cookie, s.origin);
  open.push(sock);
  return sock;
};
const refused = (cookie: string): Promise<ConnectError> =>
  connectWith(s.url, cookie, s.origin).then(
    (sock) => {
      sock.disconnect();
      throw new Error("expected the handshake to be refused");
    },
    (err: ConnectError) => err,
  );
const ping = (sock: ClientSocket) => call(sock, "connection:ping", {});
const refusedCount = async (reason: string): Promise<number> =>
  (await s.bff.metrics.socketHandshakesRefused.get()).values.find((v) => v.labels.reason === reason)?.value ??
  0;
/** Sockets this test's client IP holds, as the BFF counts them. */
const ipHeld = () => s.bff.realtime.caps!.held({ session: "", user: "", ip: "127.0.0.1" }).ip;

describe("socket caps at the handshake (per session, per user, per client IP)", () => {
  it("refuses the session's 4th socket with TOO_MANY_SOCKETS; the first three keep working; closing one frees a slot", async () => {
    const cookie = await loginAs(s, "viewer");
    const socks = [await connectAs(cookie), await connectAs(cookie), await connectAs(cookie)];
    const err = await refused(cookie);
    expect(err.data).toMatchObject({ code: "TOO_MANY_SOCKETS", details: { scope: "session", limit: 3 } });
    expect(err.data?.message).toMatch(/at most 3 sockets per session/);
    for (const sock of socks) expect(await ping(sock)).toMatchObject({ ok: true });
    expect(await refusedCount("session_cap")).toBe(1);

    expect(ipHeld()).toBe(3);
    socks[0]!.disconnect();
    open.splice(open.indexOf(socks[0]!), 1);
    await until(() => ipHeld() === 2);
    const again = await connectAs(cookie);
    expect(await ping(again)).toMatchObject({ ok: true });
  });

  it("counts per user over sessions, and per client IP over users", async () => {
    // viewer holds 3 (session 1); a second viewer session may add 2 more, then the user cap (5) refuses.
    const second = await loginAs(s, "viewer");
    await connectAs(second);
    await connectAs(second);
    expect((await refused(second)).data).toMatchObject({
      code: "TOO_MANY_SOCKETS",
      details: { scope: "user" },
    });
    // 5 sockets from 127.0.0.1 so far; a trader may add 2, then the IP cap (7) refuses.
    const trader = await loginAs(s, "trader");
    await connectAs(trader);
    await connectAs(trader);
    expect((await refused(trader)).data).toMatchObject({
      code: "TOO_MANY_SOCKETS",
      details: { scope: "ip" },
    });
    expect(await refusedCount("user_cap")).toBe(1);
    expect(await refusedCount("ip_cap")).toBe(1);
  });

  it("leaves no count behind once every socket has gone (no leak, never negative)", async () => {
    for (const sock of open.splice(0)) sock.disconnect();
    await until(() => s.bff.realtime.caps!.keys === 0);
    const cookie = await loginAs(s, "viewer");
    const fresh = [await connectAs(cookie), await connectAs(cookie), await connectAs(cookie)];
    expect((await refused(cookie)).data?.code).toBe("TOO_MANY_SOCKETS");
    for (const sock of fresh) expect(await ping(sock)).toMatchObject({ ok: true });
  });
});
