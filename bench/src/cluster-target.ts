/**
 * The scaled-out topology as a load target: N BFF instances sharing Redis (sessions, rate limits, cross-instance
 * events) behind the nginx gateway (TLS, HTTP/2, ModSecurity + CRS), started as scripts/start-cluster.ts does
 * (REDIS_URL, INSTANCE_ID, TRUSTED_PROXIES=127.0.0.1, PUBLIC_ORIGIN = the gateway) but on free loopback ports, with
 * a Redis key prefix of its own and the socket abuse limits off (every load client shares one login). The edge limits
 * are raised so the load generator (one address) is not rate-limited by the gateway itself.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import os from "node:os";
import { join } from "node:path";
import { CSRF_HEADER } from "@pregao/contracts";
import { startGateway, type RunningGateway } from "../../deploy/gateway/gateway.ts";
import { BFF_NODE_FLAGS } from "../../bff/src/node-flags.ts";
import { createBenchUser, type BenchUser } from "./bff-login.ts";
import type { BenchContext } from "./context.ts";
import { childPids } from "./cpu-time.ts";
import { freePort } from "./net.ts";
import { repoRoot, spawnNode, type Proc, type Service } from "./procs.ts";
import { bffEnv, bffReady, type LoadTarget } from "./targets.ts";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Edge limits high enough for one address opening thousands of sockets (the bench's load generator). */
const benchEdgeLimits = { ratePerSecond: 100_000, burst: 100_000, connectionsPerAddress: 60_000 };

/** The BFF instances of a cluster, running; the gateway is put in front of the first N of them per series. */
export interface Cluster {
  /** The gateway to the first `n` instances as a load target; its `stop` stops the gateway only. */
  behindGateway(n: number): Promise<LoadTarget>;
  stop(): Promise<void>;
}

/**
 * Starts `instances` BFFs (one after another, as start:cluster: the first creates the service-token key on a fresh
 * machine). A series with fewer instances behind the gateway leaves the others idle: with no client they hold no
 * upstream subscription, and their CPU is still reported.
 */
export async function startCluster(ctx: BenchContext, sim: Service, instances: number): Promise<Cluster> {
  const dir = mkdtempSync(join(os.tmpdir(), "pregao-bench-cluster-"));
  const gatewayPort = await freePort();
  const origin = `https://127.0.0.1:${gatewayPort}`;
  const prefix = `pregao-bench-${process.pid}-${Date.now()}:`;
  const bffs: { id: string; port: number; proc: Proc }[] = [];
  const user = await createBenchUser();
  let gateway: RunningGateway | undefined;
  const stop = async () => {
    await gateway?.stop();
    for (const b of bffs) await ctx.live.stop(b.proc);
    user.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 1; i <= instances; i++) {
      const id = `bench-${i}`;
      const port = await freePort();
      const env = bffEnv(ctx, sim, {
        PORT: String(port),
        USERS_FILE: user.usersFile,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        INSTANCE_ID: id,
        TRUSTED_PROXIES: "127.0.0.1",
        PUBLIC_ORIGIN: origin,
        AUDIT_LOG_FILE: join(dir, `audit-${id}.jsonl`),
        // A spool belongs to one process (its lock refuses a second BFF): one each, as start:cluster does.
        AUDIT_SPOOL_FILE: join(dir, `audit-spool-${id}.jsonl`),
      });
      const proc = ctx.live.add(
        spawnNode(`bff-${i}`, "bff/src/index.ts", [], env, { nodeArgs: [...BFF_NODE_FLAGS] }),
      );
      bffs.push({ id, port, proc });
      await bffReady(proc, `http://127.0.0.1:${port}`);
    }
  } catch (e) {
    const tail = bffs.at(-1)?.proc.output.slice(-10).join("\n") ?? "";
    await stop();
    throw new Error(`cluster: ${(e as Error).message}${tail ? `\n--- last bff output ---\n${tail}` : ""}`, {
      cause: e,
    });
  }
  const behindGateway = async (n: number): Promise<LoadTarget> => {
    const behind = bffs.slice(0, n);
    const gw = (gateway = await startGateway({
      instances: behind.map(({ id, port }) => ({ id, port })),
      prefix: join(dir, `gateway-${n}`),
      tlsDir: join(repoRoot, "deploy/.local/tls"),
      listen: { host: "127.0.0.1", port: gatewayPort },
      limits: benchEdgeLimits,
    }));
    const ca = readFileSync(gw.certFile, "utf8");
    const headers = await loginTls(origin, user, ca);
    const master = gw.process.pid!;
    const name = (i: number) => `bff-${i + 1}${i < n ? "" : " (idle, not behind the gateway)"}`;
    return {
      label: `gateway → ${n} BFF${n > 1 ? "s" : ""}`,
      mode: "bff",
      url: origin,
      headers,
      ca,
      procs: () => ({
        ...Object.fromEntries(bffs.map((b, i) => [name(i), [b.proc.pid]])),
        nginx: [master, ...childPids(master)],
      }),
      serving: [...behind.map((_, i) => name(i)), "nginx"],
      stop: async () => {
        await gw.stop();
        gateway = undefined;
      },
    };
  };
  return { behindGateway, stop };
}

/** Logs in through the TLS gateway (trusting its self-signed certificate); the headers every socket must carry. */
function loginTls(origin: string, user: BenchUser, ca: string): Promise<Record<string, string>> {
  const body = JSON.stringify({ username: user.username, password: user.password });
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}/api/v1/auth/login`,
      {
        method: "POST",
        ca,
        headers: { "content-type": "application/json", origin, [CSRF_HEADER]: "1" },
        timeout: 15_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c: string) => (text += c));
        res.on("end", () => {
          const cookie = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!).join("; ");
          if (res.statusCode !== 200 || !cookie)
            reject(new Error(`login through the gateway: HTTP ${res.statusCode} ${text}`));
          else resolve({ origin, cookie });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("login through the gateway: timeout")));
    req.on("error", reject);
    req.end(body);
  });
}
