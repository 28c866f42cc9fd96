/**
 * The BFF serves sockets and `/api/v1/*` only to a logged-in session from an allowed Origin. The bench creates a
 * throwaway users file with one `trader` (market:read + feed:detail) through the BFF's own user CLI, logs in once,
 * and every load client and stats request carries that session's cookie and the BFF's own origin.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { CSRF_HEADER } from "@pregao/contracts";
import { repoRoot } from "./procs.ts";

export interface BenchUser {
  usersFile: string;
  username: string;
  password: string;
  /** Removes the users file and its directory. */
  remove(): void;
}

export async function createBenchUser(): Promise<BenchUser> {
  const dir = mkdtempSync(join(os.tmpdir(), "pregao-bench-"));
  const usersFile = join(dir, "users.json");
  const username = "bench";
  const password = randomBytes(18).toString("base64url");
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const cli = spawn(
    process.execPath,
    ["--import", "tsx", "bff/src/identity/cli.ts", "add", username, "--role", "trader", "--password-stdin"],
    { cwd: repoRoot, env: { ...process.env, USERS_FILE: usersFile }, stdio: ["pipe", "ignore", "pipe"] },
  );
  let err = "";
  cli.stderr.on("data", (d: Buffer) => (err += d.toString()));
  cli.stdin.end(`${password}\n`);
  const code = await new Promise<number | null>((resolve) => cli.once("exit", resolve));
  if (code !== 0) {
    remove();
    throw new Error(`bff user add failed (${code}): ${err.trim()}`);
  }
  return { usersFile, username, password, remove };
}

/** Logs in at `url` (the BFF's origin) and returns the headers every later request and socket must carry. */
export async function login(
  url: string,
  user: Pick<BenchUser, "username" | "password">,
): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url, [CSRF_HEADER]: "1" },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  if (!res.ok || !cookie) throw new Error(`BFF login: HTTP ${res.status} ${await res.text()}`);
  return { origin: url, cookie };
}
