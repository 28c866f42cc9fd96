import type { User, UserDirectory } from "./user.ts";
import { hashPassword } from "./password.ts";

/** The documented demo users (README). Only with PREGAO_DEMO; refused in production by env.ts. */
export const demoCredentials = [
  { username: "trader", password: "pregao-trader" },
  { username: "risk", password: "pregao-risk" },
  { username: "viewer", password: "pregao-viewer" },
] as const;

let cached: Promise<User[]> | undefined;
const demoUsers = (): Promise<User[]> => (cached ??= buildDemoUsers());

async function buildDemoUsers(): Promise<User[]> {
  const [trader, risk, viewer] = await Promise.all(demoCredentials.map((c) => hashPassword(c.password)));
  return [
    {
      id: "demo-trader",
      username: "trader",
      displayName: "Demo Trader",
      roles: ["trader"],
      accounts: [
        { brokerId: 308, accountId: "10001" },
        { brokerId: 308, accountId: "10002" },
      ],
      passwordHash: trader!,
    },
    {
      id: "demo-risk",
      username: "risk",
      displayName: "Demo Risk Officer",
      roles: ["risk"],
      accounts: [],
      passwordHash: risk!,
    },
    {
      id: "demo-viewer",
      username: "viewer",
      displayName: "Demo Viewer",
      roles: ["viewer"],
      accounts: [],
      passwordHash: viewer!,
    },
  ];
}

/**
 * The file directory with the demo users laid on top, in memory only: they win over file users of the same name,
 * and writes for them are refused so they never reach the file.
 */
export class DemoUserDirectory implements UserDirectory {
  private constructor(
    private readonly base: UserDirectory,
    private readonly demo: User[],
  ) {}

  static async create(base: UserDirectory): Promise<DemoUserDirectory> {
    return new DemoUserDirectory(base, await demoUsers());
  }

  private demoBy(pred: (u: User) => boolean): User | null {
    const u = this.demo.find(pred);
    return u ? structuredClone(u) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    return this.demoBy((u) => u.username === username) ?? this.base.findByUsername(username);
  }

  async get(id: string): Promise<User | null> {
    return this.demoBy((u) => u.id === id) ?? this.base.get(id);
  }

  async list(): Promise<User[]> {
    const names = new Set(this.demo.map((u) => u.username));
    const file = (await this.base.list()).filter((u) => !names.has(u.username));
    return [...structuredClone(this.demo), ...file];
  }

  async upsert(user: User): Promise<void> {
    if (this.demo.some((u) => u.username === user.username || u.id === user.id))
      throw new Error(`${user.username} is a demo user and is not stored`);
    await this.base.upsert(user);
  }

  remove(username: string): Promise<boolean> {
    return this.base.remove(username);
  }
}
