import { describe, expect, it } from "vitest";
import { SocketCaps } from "./socket-caps.ts";
import { SubscriptionBudget } from "./subscription-budget.ts";

const owner = (session: string, user = "u1", ip = "10.0.0.1") => ({ session, user, ip });

describe("SocketCaps", () => {
  it("takes a slot in all three scopes or none, and names the scope that refused", () => {
    const caps = new SocketCaps({ perSession: 2, perUser: 3, perIp: 4 });
    expect(caps.admit(owner("a")).ok).toBe(true);
    expect(caps.admit(owner("a")).ok).toBe(true);
    expect(caps.admit(owner("a"))).toEqual({ ok: false, scope: "session", limit: 2 });
    expect(caps.admit(owner("b")).ok).toBe(true);
    expect(caps.admit(owner("b"))).toEqual({ ok: false, scope: "user", limit: 3 });
    expect(caps.held(owner("b"))).toEqual({ session: 1, user: 3, ip: 3 }); // the refusal took nothing
  });

  it("release is idempotent: counts never go negative and every key is gone at the end", () => {
    const caps = new SocketCaps({ perSession: 1, perUser: 0, perIp: 0 });
    const a = caps.admit(owner("a"));
    if (!a.ok) throw new Error("refused");
    a.release();
    a.release(); // disconnect and transport close both fire
    expect(caps.keys).toBe(0);
    expect(caps.admit(owner("a")).ok).toBe(true);
    expect(caps.admit(owner("a")).ok).toBe(false);
  });
});

describe("SubscriptionBudget", () => {
  it("sums per session and per user, undoes a partial reserve, and releases down to zero", () => {
    const b = new SubscriptionBudget({ perSession: 5, perUser: 8 });
    expect(b.reserve({ session: "s1", user: "u" }, "quotes", 5)).toBeNull();
    expect(b.reserve({ session: "s1", user: "u" }, "quotes", 1)).toEqual({ scope: "session", limit: 5 });
    expect(b.reserve({ session: "s2", user: "u" }, "quotes", 4)).toEqual({ scope: "user", limit: 8 });
    expect(b.held({ session: "s2", user: "u" }, "quotes")).toEqual({ session: 0, user: 5 });
    expect(b.reserve({ session: "s2", user: "u" }, "book", 4)).toBeNull(); // channels are separate
    b.release({ session: "s1", user: "u" }, "quotes", 99);
    expect(b.held({ session: "s1", user: "u" }, "quotes")).toEqual({ session: 0, user: 0 });
  });
});
