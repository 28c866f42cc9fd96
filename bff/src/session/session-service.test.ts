import { describe, expect, it } from "vitest";
import type { SessionUser } from "@pregao/contracts";
import { MemorySessionStore } from "./memory-store.ts";
import { hashSid, SessionService } from "./session-service.ts";
import type { SessionEnded } from "./types.ts";

const user: SessionUser = {
  id: "u1",
  username: "alice",
  displayName: "Alice",
  roles: ["trader"],
  accounts: [],
};
const meta = { ip: "127.0.0.1", userAgent: "test" };

function setup() {
  const clock = { t: 1_000_000 };
  const now = () => clock.t;
  const store = new MemorySessionStore(now);
  const sessions = new SessionService({ store, idleMs: 1000, absoluteMs: 5000, now });
  const ended: SessionEnded[] = [];
  sessions.onEnded((e) => ended.push(e));
  return { clock, store, sessions, ended };
}

describe("SessionService", () => {
  it("issues a fresh 256-bit id per login and stores only its hash (fixation, id leakage)", async () => {
    const { sessions, store } = setup();
    const a = await sessions.login(user, "password", meta);
    const b = await sessions.login(user, "password", meta);
    expect(a.sid).not.toBe(b.sid);
    expect(Buffer.from(a.sid, "base64url")).toHaveLength(32);
    expect(a.session.hash).toBe(hashSid(a.sid));
    expect(await store.get(a.sid)).toBeNull();
    expect(JSON.stringify(await store.get(a.session.hash))).not.toContain(a.sid);
  });

  it("slides the idle timeout on resolve", async () => {
    const { sessions, clock } = setup();
    const { sid } = await sessions.login(user, "password", meta);
    for (let i = 0; i < 4; i++) {
      clock.t += 900;
      expect((await sessions.resolve(sid)).ok).toBe(true);
    }
  });

  it("expires an idle session: SESSION_EXPIRED once, then unknown", async () => {
    const { sessions, clock, ended } = setup();
    const { sid, session } = await sessions.login(user, "password", meta);
    clock.t += 1000;
    expect(await sessions.resolve(sid)).toEqual({ ok: false, reason: "SESSION_EXPIRED" });
    expect(ended).toEqual([{ sessionHash: session.hash, userId: "u1", reason: "SESSION_EXPIRED" }]);
    expect(await sessions.resolve(sid)).toEqual({ ok: false, reason: "none" });
  });

  it("expires at the absolute timeout even while active", async () => {
    const { sessions, clock } = setup();
    const { sid } = await sessions.login(user, "password", meta);
    for (let i = 0; i < 5; i++) {
      clock.t += 900;
      await sessions.resolve(sid);
    }
    clock.t += 600;
    expect(await sessions.resolve(sid)).toEqual({ ok: false, reason: "SESSION_EXPIRED" });
  });

  it("check does not touch the idle timer (revalidation is not user activity)", async () => {
    const { sessions, clock } = setup();
    const { sid, session } = await sessions.login(user, "password", meta);
    clock.t += 600;
    expect((await sessions.check(session.hash)).ok).toBe(true);
    clock.t += 600;
    expect(await sessions.check(session.hash)).toEqual({ ok: false, reason: "SESSION_EXPIRED" });
    expect((await sessions.resolve(sid)).ok).toBe(false);
  });

  it("logout deletes server-side and emits ended; unknown ids are 'none'", async () => {
    const { sessions, ended } = setup();
    const { sid, session } = await sessions.login(user, "password", meta);
    expect((await sessions.logout(sid))?.hash).toBe(session.hash);
    expect(ended).toEqual([{ sessionHash: session.hash, userId: "u1", reason: "LOGGED_OUT" }]);
    expect(await sessions.resolve(sid)).toEqual({ ok: false, reason: "none" });
    expect(await sessions.check(session.hash)).toEqual({ ok: false, reason: "REVOKED" });
    expect(await sessions.logout(sid)).toBeNull();
    expect(await sessions.resolve(undefined)).toEqual({ ok: false, reason: "none" });
  });

  it("keeps the OIDC id token for RP-initiated logout", async () => {
    const { sessions } = setup();
    const { sid } = await sessions.login(user, "oidc", meta, { oidcIdToken: "id.tok.en" });
    const r = await sessions.resolve(sid);
    expect(r.ok && r.session.oidcIdToken).toBe("id.tok.en");
    expect(r.ok && r.session.method).toBe("oidc");
  });

  it("serializes a __Host- cookie with every flag", () => {
    const { sessions } = setup();
    const c = sessions.cookie.serialize("abc", 28_800);
    expect(c).toMatch(/^__Host-pregao_sid=abc; /);
    for (const flag of ["Path=/", "HttpOnly", "Secure", "SameSite=Strict", "Max-Age=28800"])
      expect(c).toContain(flag);
    expect(c).not.toMatch(/Domain=/i);
    expect(sessions.cookie.clear()).toContain("Max-Age=0");
  });
});
