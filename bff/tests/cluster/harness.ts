import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { startSim, type RunningSim } from "@pregao/sim";
import { startGateway, type RunningGateway } from "../../../deploy/gateway/gateway.ts";
import { createTestDatabase } from "../../src/workspace/pg-test-db.ts";
import type { ClientSocket } from "../helpers/clients.ts";
import { until } from "../helpers/clients.ts";
import { browserHeaders, login, type DemoUser } from "../helpers/session.ts";
import { freePort } from "../gateway/harness.ts";
import { spawnBff, spawnRedis, type Child } from "./processes.ts";

export interface Instance extends Child {
  id: string;
  port: number;
  url: string;
}

export interface ClusterStack {
  sim: RunningSim;
  redisPort: number;
  instances: Instance[];
  gateway: RunningGateway;
  /** https://127.0.0.1:<port>, the origin browsers use. */
  origin: string;
  ca: Buffer;
  /** Kills the private Redis and starts it again, empty (it keeps nothing on disk). */
  restartRedis(): Promise<void>;
  close(): Promise<void>;
}

/** Drain settings of the test instances: reconnects spread over 1.5 s, the whole drain bounded by 8 s. */
export const DRAIN = { spreadMs: 1500, timeoutMs: 8000 };

async function waitForRedis(port: number): Promise<void> {
  const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on("error", () => undefined);
  try {
    await until(async () => {
      try {
        if (probe.status !== "ready") await probe.connect();
        return (await probe.ping()) === "PONG";
      } catch {
        return false;
      }
    }, 10_000);
  } finally {
    probe.disconnect();
  }
}

/**
 * Two (or `n`) BFF PROCESSES (`bff/src/index.ts`, the production entry point) sharing a private Redis and one
 * PostgreSQL database, the sim (feed + order manager) and the real nginx gateway with the CRS in front.
 */
export async function startCluster(n = 2): Promise<ClusterStack> {
  const dir = mkdtempSync(join(tmpdir(), "pregao-cluster-"));
  const redisPort = await freePort();
  let redis = spawnRedis(redisPort);
  await waitForRedis(redisPort);
  const gatewayPort = await freePort();
  const origin = `https://127.0.0.1:${gatewayPort}`;
  const db = await createTestDatabase();
  const instances: Instance[] = [];
  // The sim verifies service tokens against any live instance's JWKS (they share one key directory).
  const sim = await startSim({
    rate: 50,
    assets: 22,
    seed: 5,
    jwksUrl: () =>
      `${(instances.find((i) => i.child.exitCode === null) ?? instances[0])!.url}/.well-known/jwks.json`,
  });
  const stopAll = async () => {
    for (const i of instances) if (i.child.exitCode === null) i.kill("SIGKILL");
    await Promise.all(instances.map((i) => i.exited));
    await sim.close();
    redis.kill("SIGKILL");
    await redis.exited;
    await db.drop();
  };
  let gateway: RunningGateway | undefined;
  try {
    for (let k = 1; k <= n; k++) {
      const id = `node-${k}`;
      const proc = await spawnBff({
        PORT: "0",
        HOST: "127.0.0.1",
        METRICS_PORT: "0",
        NODE_ENV: "test",
        INSTANCE_ID: id,
        FEED_URL: sim.feedUrl,
        ORDER_MANAGER_URL: sim.servicesUrl,
        SERVICE_KEYS_DIR: join(dir, "keys"),
        SERVICE_KEYS_RELOAD_MS: "0",
        PREGAO_DEMO: "1",
        USERS_FILE: join(dir, "users.json"),
        AUDIT_LOG_FILE: join(dir, `audit-${id}.jsonl`),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        REDIS_KEY_PREFIX: "pregao-cluster:",
        DATABASE_URL: db.url,
        TRUSTED_PROXIES: "127.0.0.1",
        PUBLIC_ORIGIN: origin,
        WEB_DIST: "/nonexistent",
        SESSION_REVALIDATE_MS: "500",
        RATE_API_PER_MIN: "0",
        RATE_LOGIN_IP: "0",
        CONFLATION_MS: "50",
        OPS_PUSH_MS: "500",
        DRAIN_SPREAD_MS: String(DRAIN.spreadMs),
        DRAIN_TIMEOUT_MS: String(DRAIN.timeoutMs),
      });
      instances.push({ ...proc, id, url: `http://127.0.0.1:${proc.port}` });
    }
    gateway = await startGateway({
      instances: instances.map((i) => ({ id: i.id, port: i.port })),
      prefix: join(dir, "gateway"),
      tlsDir: join(dir, "tls"),
      listen: { host: "127.0.0.1", port: gatewayPort },
    });
    // Ready = feed live and the order manager's stream up, on every instance.
    await until(async () => {
      for (const i of instances) {
        const res = await fetch(`${i.url}/health/ready`).catch(() => null);
        if (res?.status !== 200) return false;
      }
      return true;
    }, 30_000);
  } catch (err) {
    await gateway?.stop();
    await stopAll();
    throw err;
  }
  const gw = gateway;
  return {
    sim,
    redisPort,
    instances,
    gateway: gw,
    origin,
    ca: readFileSync(gw.certFile),
    async restartRedis() {
      redis.kill("SIGKILL");
      await redis.exited;
      redis = spawnRedis(redisPort);
      await waitForRedis(redisPort);
    },
    close: async () => {
      await gw.stop();
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A same-origin API call to one instance directly (Origin = the gateway's public origin, which it allows). */
export function api(
  stack: ClusterStack,
  instance: Instance,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${instance.url}${path}`, {
    method,
    headers: browserHeaders(stack.origin, cookie),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Logs a demo user in on one instance; the session lives in Redis, so the cookie is good on every instance. */
export function loginOn(instance: Instance, user: DemoUser): Promise<string> {
  return login(instance.url, user);
}

/** A socket straight to one instance (no gateway), as a browser tab with that session. */
export async function socketOn(
  stack: ClusterStack,
  instance: Instance,
  cookie: string,
): Promise<ClientSocket> {
  const socket: ClientSocket = io(instance.url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie, origin: stack.origin },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
