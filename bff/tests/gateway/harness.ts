import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect as h2connect, type ClientHttp2Session, type IncomingHttpHeaders } from "node:http2";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSim, type RunningSim } from "@pregao/sim";
import { startGateway, type RunningGateway } from "../../../deploy/gateway/gateway.ts";
import type { EdgeLimits } from "../../../deploy/gateway/render.ts";
import type { RunningBff } from "../../src/server.ts";
import { createTestDatabase } from "../../src/workspace/pg-test-db.ts";
import { startTestBff, until } from "../helpers/clients.ts";

/** A free loopback port (the gateway's, known before the BFFs start: it is their PUBLIC_ORIGIN). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface GatewayStack {
  sim: RunningSim;
  bffs: RunningBff[];
  gateway: RunningGateway;
  /** https://127.0.0.1:<port>: the origin browsers use. */
  origin: string;
  ca: Buffer;
  logDir: string;
  close(): Promise<void>;
}

/** The sim, `n` BFFs sharing Redis (sessions, rate limits) behind the real nginx gateway with the CRS on. */
export async function startGatewayStack(n: number, limits: Partial<EdgeLimits> = {}): Promise<GatewayStack> {
  const dir = mkdtempSync(join(tmpdir(), "pregao-gw-"));
  const port = await freePort();
  const origin = `https://127.0.0.1:${port}`;
  const bffs: RunningBff[] = [];
  // Workspaces in one PostgreSQL database, as in production: every instance answers the same document.
  const db = await createTestDatabase();
  // The sim verifies the BFFs' service tokens against the last BFF's JWKS (they share one key directory).
  const sim = await startSim({
    rate: 50,
    assets: 22,
    seed: 5,
    jwksUrl: () => `${bffs.at(-1)!.url}/.well-known/jwks.json`,
  });
  let gateway: RunningGateway | undefined;
  try {
    for (let i = 0; i < n; i++)
      bffs.push(
        await startTestBff(sim.feedUrl, undefined, {
          INSTANCE_ID: `gw-${i + 1}`,
          ORDER_MANAGER_URL: sim.servicesUrl,
          REDIS_URL: "redis://127.0.0.1:6379",
          REDIS_KEY_PREFIX: `pregao-gwtest-${process.pid}:`,
          // Exactly the gateway's address: a client on another loopback address is then a client, not a proxy.
          TRUSTED_PROXIES: "127.0.0.1",
          PUBLIC_ORIGIN: origin,
          AUDIT_LOG_FILE: join(dir, `audit-${i + 1}.jsonl`),
          RATE_LOGIN_IP: 0,
          DATABASE_URL: db.url,
        }),
      );
    gateway = await startGateway({
      instances: bffs.map((b, i) => ({ id: `gw-${i + 1}`, port: b.port })),
      prefix: join(dir, "gateway"),
      tlsDir: join(dir, "tls"),
      listen: { host: "127.0.0.1", port },
      limits,
    });
    await until(() => bffs.every((b) => b.feed.catalog.known && b.services.stream.link === "live"), 10_000);
  } catch (err) {
    await gateway?.stop();
    for (const b of bffs) await b.close();
    await sim.close();
    await db.drop();
    throw err;
  }
  const gw = gateway;
  return {
    sim,
    bffs,
    gateway: gw,
    origin,
    ca: readFileSync(gw.certFile),
    logDir: join(dir, "gateway", "logs"),
    close: async () => {
      await gw.stop();
      for (const b of bffs) await b.close();
      await sim.close();
      await db.drop();
      if (!process.env.PREGAO_KEEP_GATEWAY_LOGS) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface H2Response {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** An HTTP/2 client of the gateway (trusting its self-signed certificate), optionally from another loopback address. */
export class H2Client {
  readonly session: ClientHttp2Session;
  constructor(s: GatewayStack, localAddress?: string) {
    this.session = h2connect(s.origin, { ca: s.ca, ...(localAddress ? { localAddress } : {}) });
    this.session.on("error", () => undefined);
  }

  request(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<H2Response> {
    return new Promise((resolve, reject) => {
      const req = this.session.request({ ":method": method, ":path": path, ...headers });
      let status = 0;
      let head: IncomingHttpHeaders = {};
      let text = "";
      req.setEncoding("utf8");
      req.on("response", (h) => {
        status = Number(h[":status"]);
        head = h;
      });
      req.on("data", (d: string) => (text += d));
      req.on("end", () => resolve({ status, headers: head, text, json: <T>() => JSON.parse(text) as T }));
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.session.close();
  }
}

/** `name=value` pairs of a response's Set-Cookie headers. */
export function cookiesOf(res: H2Response): Record<string, string> {
  const set = res.headers["set-cookie"] ?? [];
  return Object.fromEntries(
    set.map((c) => {
      const pair = c.split(";")[0]!;
      return [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    }),
  );
}
