import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileUserDirectory } from "./file-user-directory.ts";
import { describeUserDirectory } from "./user-directory-suite.ts";
import { InvalidUserError } from "./user-errors.ts";

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "pregao-users-"));
  return {
    path: join(dir, "data", "users.json"),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

describeUserDirectory("JSON file", async () => {
  const { path, close } = tempFile();
  return { users: new FileUserDirectory(path), close };
});

describe("FileUserDirectory: a hand-edited file", () => {
  it("refuses a record that breaks the schema on read, naming the field", async () => {
    const { path, close } = tempFile();
    try {
      const users = new FileUserDirectory(path);
      await users.upsert({
        id: "1",
        username: "ann",
        displayName: "Ann",
        roles: ["trader"],
        accounts: [],
        passwordHash: "scrypt$1$1$1$AA==$AA==",
      });
      writeFileSync(
        path,
        JSON.stringify({ version: 1, users: [{ id: "1", username: "ann", roles: ["admin"] }] }),
      );
      const err = await users.findByUsername("ann").catch((e) => e);
      expect(err).toBeInstanceOf(InvalidUserError);
      expect(err).toMatchObject({ code: "USER_INVALID", source: "stored", field: "users.0.displayName" });
    } finally {
      await close();
    }
  });
});
