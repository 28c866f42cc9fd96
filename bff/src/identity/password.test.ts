import { describe, expect, it } from "vitest";
import { authenticate } from "./authenticate.ts";
import { DemoUserDirectory } from "./demo-users.ts";
import { hashPassword, SCRYPT, verifyPassword } from "./password.ts";
import type { User, UserDirectory } from "./user.ts";

describe("password hashing (scrypt)", () => {
  it("salts every hash: the same password never hashes twice the same", async () => {
    const [a, b] = await Promise.all([hashPassword("correct horse"), hashPassword("correct horse")]);
    expect(a).not.toBe(b);
    const [, N, r, p, salt, key] = a.split("$");
    expect([Number(N), Number(r), Number(p)]).toEqual([SCRYPT.N, SCRYPT.r, SCRYPT.p]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(64);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
  });

  it("verifies the right password and rejects a wrong one or a tampered hash", async () => {
    const h = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("correct hors", h)).toBe(false);
    const parts = h.split("$");
    const key = Buffer.from(parts[5]!, "base64");
    key[0]! ^= 1;
    const tampered = [...parts.slice(0, 5), key.toString("base64")].join("$");
    expect(await verifyPassword("correct horse", tampered)).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1048577$8$1$AA==$AA==")).toBe(false);
  });
});

describe("authenticate (user enumeration)", () => {
  const empty: UserDirectory = {
    findByUsername: async () => null,
    get: async () => null,
    list: async () => [],
    upsert: async () => undefined,
    remove: async () => false,
  };

  it("accepts demo users with their documented passwords and rejects wrong ones", async () => {
    const users = await DemoUserDirectory.create(empty);
    expect((await authenticate(users, "trader", "pregao-trader"))?.roles).toEqual(["trader"]);
    expect(await authenticate(users, "trader", "pregao-risk")).toBeNull();
  });

  it("still runs scrypt for an unknown user (comparable time to a wrong password)", async () => {
    const users = await DemoUserDirectory.create(empty);
    await authenticate(users, "nobody", "x"); // warm the dummy hash
    const time = async (u: string) => {
      const t = performance.now();
      await authenticate(users, u, "wrong-password");
      return performance.now() - t;
    };
    const known = await time("trader");
    const unknown = await time("nobody");
    expect(unknown).toBeGreaterThan(known * 0.4);
  });

  it("refuses to write demo users through to the file", async () => {
    const users = await DemoUserDirectory.create(empty);
    const trader = (await users.findByUsername("trader")) as User;
    await expect(users.upsert(trader)).rejects.toThrow(/demo user/);
  });
});
