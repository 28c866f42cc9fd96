import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createBenchUser } from "./bff-login.ts";

describe("createBenchUser", () => {
  it("creates a throwaway users file with a trader through the BFF's CLI, and removes it", async () => {
    const user = await createBenchUser();
    try {
      expect(readFileSync(user.usersFile, "utf8")).toContain('"bench"');
      expect(readFileSync(user.usersFile, "utf8")).not.toContain(user.password);
    } finally {
      user.remove();
    }
    expect(existsSync(user.usersFile)).toBe(false);
  }, 20_000);
});
