import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { InvalidUserError, UsernameTakenError } from "./user-errors.ts";
import { userSchema } from "./user-schema.ts";
import type { User, UserDirectory } from "./user.ts";

const fileSchema = z.object({ version: z.literal(1), users: z.array(userSchema) });

/**
 * Users in one JSON file (mode 0600), rewritten atomically (temp file + rename) on every change. Re-read on every
 * lookup so the CLI's changes apply without a restart; the file is small.
 */
export class FileUserDirectory implements UserDirectory {
  constructor(readonly path: string) {}

  async findByUsername(username: string): Promise<User | null> {
    return (await this.read()).find((u) => u.username === username) ?? null;
  }

  async get(id: string): Promise<User | null> {
    return (await this.read()).find((u) => u.id === id) ?? null;
  }

  async list(): Promise<User[]> {
    return (await this.read()).sort((a, b) => (a.username < b.username ? -1 : 1));
  }

  async upsert(user: User): Promise<void> {
    const parsed = userSchema.safeParse(user);
    if (!parsed.success) throw new InvalidUserError("write", parsed.error);
    const users = await this.read();
    if (users.some((u) => u.username === parsed.data.username && u.id !== parsed.data.id))
      throw new UsernameTakenError(parsed.data.username);
    await this.write([...users.filter((u) => u.id !== parsed.data.id), parsed.data]);
  }

  async remove(username: string): Promise<boolean> {
    const users = await this.read();
    const kept = users.filter((u) => u.username !== username);
    if (kept.length === users.length) return false;
    await this.write(kept);
    return true;
  }

  private async read(): Promise<User[]> {
    const raw = await readFile(this.path, "utf8").catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw err;
    });
    if (raw === null) return [];
    const parsed = fileSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new InvalidUserError("stored", parsed.error);
    return parsed.data.users;
  }

  private async write(users: User[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${randomBytes(6).toString("hex")}.tmp`;
    const body = JSON.stringify({ version: 1, users }, null, 2) + "\n";
    await writeFile(tmp, body, { mode: 0o600, flag: "wx" });
    await rename(tmp, this.path);
  }
}
