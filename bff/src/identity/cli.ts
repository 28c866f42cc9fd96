import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { accountRefSchema, roleSchema, usernameSchema, type AccountRef, type Role } from "@pregao/contracts";
import { FileUserDirectory } from "./file-user-directory.ts";
import { hashPassword } from "./password.ts";
import type { User } from "./user.ts";

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  usersFile: string;
}

const usage = `usage: user <command>
  add <username> --role trader[,risk] [--account 308:12345]... [--display-name "Name"] [--password-stdin]
  passwd <username> [--password-stdin]
  roles <username> trader,risk
  list
  remove <username>`;

class UsageError extends Error {}

const parseRoles = (s: string | undefined): Role[] => {
  const roles = (s ?? "").split(",").filter(Boolean);
  if (roles.length === 0) throw new UsageError("at least one --role is required");
  return [...new Set(roles.map((r) => roleSchema.parse(r)))];
};
const parseAccount = (s: string): AccountRef => {
  const [broker, account] = s.split(":");
  return accountRefSchema.parse({ brokerId: Number(broker), accountId: account });
};

/** Reads a password: hidden prompt on a TTY, else the first line of stdin. */
async function readPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  const prompt = !fromStdin && io.stdin.isTTY === true;
  // On a TTY readline echoes into `muted`, so the password never shows.
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: io.stdin, output: prompt ? muted : undefined, terminal: prompt });
  if (prompt) io.stderr.write("password (not echoed): ");
  const line = await new Promise<string>((resolve) => {
    rl.once("line", resolve);
    rl.once("close", () => resolve(""));
  });
  rl.close();
  if (prompt) io.stderr.write("\n");
  if (line.length < 8) throw new UsageError("password must have at least 8 characters");
  return line;
}

/** Runs one CLI command; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: "string", multiple: true },
      account: { type: "string", multiple: true },
      "display-name": { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const [command, name, arg] = positionals;
  const users = new FileUserDirectory(io.usersFile);
  const need = async (): Promise<User> => {
    const user = await users.findByUsername(usernameSchema.parse(name));
    if (!user) throw new UsageError(`no such user: ${name}`);
    return user;
  };
  try {
    switch (command) {
      case "add": {
        const username = usernameSchema.parse(name);
        if (await users.findByUsername(username))
          throw new UsageError(`${username} exists; use passwd or roles`);
        const user: User = {
          id: randomUUID(),
          username,
          displayName: values["display-name"] ?? username,
          roles: parseRoles(values.role?.join(",")),
          accounts: (values.account ?? []).map(parseAccount),
          passwordHash: await hashPassword(await readPassword(io, values["password-stdin"])),
        };
        await users.upsert(user);
        io.stdout.write(`added ${username} (${user.roles.join(",")})\n`);
        return 0;
      }
      case "passwd": {
        const user = await need();
        await users.upsert({
          ...user,
          passwordHash: await hashPassword(await readPassword(io, values["password-stdin"])),
        });
        io.stdout.write(`password changed for ${user.username}\n`);
        return 0;
      }
      case "roles": {
        const user = await need();
        await users.upsert({ ...user, roles: parseRoles(arg) });
        io.stdout.write(`${user.username}: ${parseRoles(arg).join(",")}\n`);
        return 0;
      }
      case "list":
        for (const u of await users.list()) {
          const accounts = u.accounts.map((a) => `${a.brokerId}:${a.accountId}`).join(",") || "-";
          io.stdout.write(`${u.username}\t${u.roles.join(",")}\t${accounts}\t${u.displayName}\n`);
        }
        return 0;
      case "remove":
        if (!(await users.remove(usernameSchema.parse(name)))) throw new UsageError(`no such user: ${name}`);
        io.stdout.write(`removed ${name}\n`);
        return 0;
      default:
        throw new UsageError(usage);
    }
  } catch (err) {
    const message =
      err instanceof UsageError ? err.message : err instanceof Error ? err.message : String(err);
    io.stderr.write(`${message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import("../env.ts");
  const { USERS_FILE } = loadConfig();
  const { stdin, stdout, stderr } = process;
  process.exitCode = await runCli(process.argv.slice(2), { stdin, stdout, stderr, usersFile: USERS_FILE });
}
