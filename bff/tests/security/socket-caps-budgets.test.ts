import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, until, type ClientSocket } from "../helpers/clients.ts";
import { connectWith, loginAs, startSecureStack, type SecureStack } from "./harness.ts";

let s: SecureStack;
const open: ClientSocket[] = [];
/** One session may open 40 sockets here: the budgets, not the socket cap, must hold. */
const base = {
  SOCKET_MAX_PER_SESSION: 50,
  SOCKET_MAX_PER_USER: 200,
  SOCKET_MAX_PER_IP: 200,
  RATE_SOCKET_WINDOW_S: 60,
  RATE_LOGIN_IP: 0,
};
const useStack = (extra: Parameters<typeof startSecureStack>[0]) => {
  beforeAll(async () => {
    s = await startSecureStack({ ...base, ...extra });
    await until(() => s.bff.feed.catalog.known);
  });
  afterAll(async () => {
    for (const sock of open.splice(0)) sock.disconnect();
    await s.close();
  });
};

const sockets = async (cookie: string, n: number): Promise<ClientSocket[]> => {
  const list = await Promise.all(Array.from({ length: n }, () => connectWith(s.url, cookie, s.origin)));
  open.push(...list);
  return list;
};

describe("subscription budgets per session and per user, not per socket", () => {
  useStack({ SOCKET_SESSION_SUBSCRIPTIONS: 10, SOCKET_USER_SUBSCRIPTIONS: 15, RATE_SOCKET_EVENTS: 0 });

  it("40 sockets of one session share the session's subscription budget (10), and unsubscribing frees it", async () => {
    const cookie = await loginAs(s, "viewer");
    const socks = await sockets(cookie, 40);
    const acks = [];
    for (const sock of socks) acks.push(await call(sock, "trades:subscribe", { assets: ["PETR4:B"] }));
    expect(acks.filter((a) => a.ok === true)).toHaveLength(10);
    const refused = acks.filter((a) => a.ok === false);
    expect(refused).toHaveLength(30);
    for (const a of refused)
      expect(a.error).toMatchObject({
        code: "TOO_MANY_SUBSCRIPTIONS",
        details: { scope: "session", limit: 10 },
      });

    expect(await call(socks[0]!, "trades:unsubscribe", { assets: ["PETR4:B"] })).toMatchObject({ ok: true });
    expect(await call(socks[39]!, "trades:subscribe", { assets: ["PETR4:B"] })).toMatchObject({ ok: true });
  });

  it("a second session of the same user adds only up to the user's budget (15); closing sockets releases it", async () => {
    const cookie = await loginAs(s, "viewer");
    const socks = await sockets(cookie, 8);
    const acks = [];
    for (const sock of socks) acks.push(await call(sock, "trades:subscribe", { assets: ["VALE3:B"] }));
    expect(acks.filter((a) => a.ok === true)).toHaveLength(5); // 10 held by the first session
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { details: { scope: "user", limit: 15 } } });
    for (const sock of socks.slice(0, 5)) sock.disconnect();
    await until(async () => (await call(socks[7]!, "trades:subscribe", { assets: ["VALE3:B"] })).ok === true);
  });
});

describe("event budgets per session, not per socket", () => {
  useStack({ RATE_SOCKET_EVENTS: 5, RATE_SOCKET_SESSION_EVENTS: 20, RATE_SOCKET_USER_EVENTS: 1000 });

  it("40 sockets of one session share the session's event rate (20 per window), not 40 × the socket's (5)", async () => {
    const cookie = await loginAs(s, "viewer");
    const socks = await sockets(cookie, 40);
    const acks = await Promise.all(
      socks.flatMap((sock) => [1, 2].map(() => call(sock, "connection:ping", {}))),
    );
    expect(acks.filter((a) => a.ok === true)).toHaveLength(20);
    const limited = acks.filter((a) => a.ok === false);
    expect(limited).toHaveLength(60);
    for (const a of limited)
      expect(a.error).toMatchObject({ code: "RATE_LIMITED", details: { scope: "session" } });
  });
});
