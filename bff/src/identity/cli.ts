import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { accountRefSchema, roleSchema, usernameSchema, type AccountRef, type Role } from "@pregao/contracts";
import { hashPassword } from "./password.ts";
import { InvalidUserError, UsernameTakenError } from "./user-errors.ts";
import type { User, UserDirectory } from "./user.ts";

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The store USERS_STORE chose (identity/open-user-store.ts): the same commands for the file and PostgreSQL. */
  users: UserDirectory;
}

const usage = `usage: user <command>
  add <username> --role trader[,risk] [--account 308:12345]... [--display-name "Name"] [--password-stdin]
  passwd <username> [--password-stdin]
  roles <username> trader,risk
  list
  remove <username>`;

/** Bad input from the operator: exit code 2 with a message that names what is wrong. */
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
const parseUsername = (s: string | undefined): string => {
  const parsed = usernameSchema.safeParse(s);
  if (!parsed.success)
    throw new UsageError(`invalid username ${JSON.stringify(s ?? "")}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
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

/** Exit code and message for a failed command: operator mistakes are 2, anything else (store down…) 1. */
function failure(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError || err instanceof UsernameTakenError || err instanceof InvalidUserError)
    return { code: 2, message: err.message };
  // node:util parseArgs: an unknown option or a missing option value.
  const nodeCode = (err as { code?: unknown } | null)?.code;
  if (typeof nodeCode === "string" && nodeCode.startsWith("ERR_PARSE_ARGS"))
    return { code: 2, message: `${(err as Error).message}\n${usage}` };
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    return {
      code: 2,
      message: `invalid ${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`,
    };
  }
  return { code: 1, message: err instanceof Error ? err.message : String(err) };
}

/** Runs one CLI command; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { users } = io;
  const need = async (name: string | undefined): Promise<User> => {
    const user = await users.findByUsername(parseUsername(name));
    if (!user) throw new UsageError(`no such user: ${name}`);
    return user;
  };
  try {
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
    switch (command) {
      case "add": {
        const username = parseUsername(name);
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
        const user = await need(name);
        const passwordHash = await hashPassword(await readPassword(io, values["password-stdin"]));
        await users.upsert({ ...user, passwordHash });
        io.stdout.write(`password changed for ${user.username}\n`);
        return 0;
      }
      case "roles": {
        const user = await need(name);
        const roles = parseRoles(arg);
        await users.upsert({ ...user, roles });
        io.stdout.write(`${user.username}: ${roles.join(",")}\n`);
        return 0;
      }
      case "list":
        for (const u of await users.list()) {
          const accounts = u.accounts.map((a) => `${a.brokerId}:${a.accountId}`).join(",") || "-";
          io.stdout.write(`${u.username}\t${u.roles.join(",")}\t${accounts}\t${u.displayName}\n`);
        }
        return 0;
      case "remove":
        if (!(await users.remove(parseUsername(name)))) throw new UsageError(`no such user: ${name}`);
        io.stdout.write(`removed ${name}\n`);
        return 0;
      default:
        throw new UsageError(usage);
    }
  } catch (err) {
    const { code, message } = failure(err);
    io.stderr.write(`${message}\n`);
    return code;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import("../env.ts");
  const { openUserStore } = await import("./open-user-store.ts");
  const store = await openUserStore(loadConfig());
  const { stdin, stdout, stderr } = process;
  try {
    process.exitCode = await runCli(process.argv.slice(2), { stdin, stdout, stderr, users: store.users });
  } finally {
    await store.close();
  }
}
