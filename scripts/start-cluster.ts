/**
 * `pnpm start:cluster`: the scale-out topology on a laptop (docs/deployment.md) — the simulator, 2 BFF instances on
 * loopback ports sharing Redis (sessions, rate limits) and PostgreSQL (workspaces), and the nginx gateway with the
 * OWASP CRS in front, at https://127.0.0.1:8443 (self-signed certificate in deploy/.local/). Demo mode, as `pnpm start`.
 * Needs Redis at REDIS_URL and PostgreSQL at DATABASE_URL (the database is created when missing) and the Debian
 * packages nginx, libnginx-mod-http-modsecurity, modsecurity-crs. Ctrl-C stops everything.
 */
import { createRequire } from "node:module";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { gatewayUnavailable, startGateway, type RunningGateway } from "../deploy/gateway/gateway.ts";
import { BFF_NODE_FLAGS } from "../bff/src/node-flags.ts";
import { createProcessGroup, waitForHttp } from "./stack-processes.ts";

const env = process.env;
const instances = Number(env.CLUSTER_INSTANCES ?? "2");
const simPort = env.SIM_PORT ?? "9001";
const servicesPort = env.SIM_SERVICES_PORT ?? "3205";
const firstBffPort = Number(env.CLUSTER_BFF_PORT ?? "9081");
const firstMetricsPort = Number(env.CLUSTER_METRICS_PORT ?? "9465");
const gatewayPort = Number(env.GATEWAY_PORT ?? "8443");
const redisUrl = env.REDIS_URL ?? "redis://127.0.0.1:6379";
const databaseUrl = env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/pregao";
const origin = `https://127.0.0.1:${gatewayPort}`;
const local = (p: string) => fileURLToPath(new URL(`../deploy/.local/${p}`, import.meta.url));

function fail(message: string): never {
  console.error(`start:cluster: ${message}`);
  process.exit(1);
}

/** True when something accepts TCP connections at `url`'s host and port. */
function reachable(url: string, defaultPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ host: u.hostname, port: Number(u.port || defaultPort) }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}

/** Creates DATABASE_URL's database when it does not exist (pg is the BFF's dependency; resolved from there). */
async function ensureDatabase(url: string): Promise<void> {
  type PgClient = {
    connect(): Promise<void>;
    query(sql: string, args?: unknown[]): Promise<{ rowCount: number | null }>;
    end(): Promise<void>;
  };
  const pg = createRequire(new URL("../bff/package.json", import.meta.url))("pg") as {
    Client: new (o: { connectionString: string }) => PgClient;
  };
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) fail(`database name "${name}" must be [a-z_][a-z0-9_]*`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`);
      console.warn(`start:cluster: created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

if (!Number.isInteger(instances) || instances < 1 || instances > 8) fail("CLUSTER_INSTANCES must be 1 to 8");
const missing = gatewayUnavailable();
if (missing)
  fail(`${missing}\n  (.ci/run installs them; or run \`pnpm start\` for the single-process stack)`);
if (!(await reachable(redisUrl, 6379))) fail(`no Redis at ${redisUrl} (set REDIS_URL)`);
if (!(await reachable(databaseUrl, 5432))) fail(`no PostgreSQL at ${databaseUrl} (set DATABASE_URL)`);
await ensureDatabase(databaseUrl).catch((err: Error) => fail(`PostgreSQL: ${err.message}`));

const group = createProcessGroup();
let gateway: RunningGateway | undefined;
group.onStop(() => void gateway?.stop());

const bffs = Array.from({ length: instances }, (_, i) => ({ id: `bff-${i + 1}`, port: firstBffPort + i }));
// The sim verifies service tokens against the first instance's JWKS; every instance signs with the same key
// directory (SERVICE_KEYS_DIR, bff/data/keys by default), so one key set serves them all.
group.run("sim", ["--import", "tsx", "sim/src/main.ts", "--port", simPort, "--services-port", servicesPort], {
  SERVICE_JWKS_URL: env.SERVICE_JWKS_URL ?? `http://127.0.0.1:${firstBffPort}/.well-known/jwks.json`,
});
for (const [i, bff] of bffs.entries()) {
  group.run(bff.id, [...BFF_NODE_FLAGS, "--import", "tsx", "bff/src/index.ts"], {
    PREGAO_DEMO: env.PREGAO_DEMO ?? "1",
    INSTANCE_ID: bff.id,
    PORT: String(bff.port),
    METRICS_PORT: String(firstMetricsPort + i),
    FEED_URL: env.FEED_URL ?? `ws://127.0.0.1:${simPort}/feed/v1`,
    ORDER_MANAGER_URL: env.ORDER_MANAGER_URL ?? `http://127.0.0.1:${servicesPort}`,
    REDIS_URL: redisUrl,
    DATABASE_URL: databaseUrl,
    // Only the gateway's address may tell the BFF who the client is (X-Forwarded-For).
    TRUSTED_PROXIES: env.TRUSTED_PROXIES ?? "127.0.0.1",
    PUBLIC_ORIGIN: origin,
    AUDIT_LOG_FILE:
      env.AUDIT_LOG_FILE ?? fileURLToPath(new URL(`../bff/data/audit-${bff.id}.jsonl`, import.meta.url)),
    // One spool per instance: a spool is claimed by one process (audit/spool.ts).
    AUDIT_SPOOL_FILE: fileURLToPath(new URL(`../bff/data/audit-spool-${bff.id}.jsonl`, import.meta.url)),
  });
  // The first instance creates the service-token key on a fresh machine; the others start once it has.
  const live = await waitForHttp(`http://127.0.0.1:${bff.port}/health/live`, 60_000, () => group.stopping);
  if (!live) {
    console.error(`start:cluster: ${bff.id} did not come up on port ${bff.port}`);
    group.stop(1);
    break;
  }
}

if (!group.stopping)
  try {
    gateway = await startGateway({
      instances: bffs,
      prefix: local("gateway"),
      tlsDir: local("tls"),
      listen: { host: "127.0.0.1", port: gatewayPort },
    });
    group.adopt("gateway", gateway.process);
  } catch (err) {
    console.error((err as Error).message);
    group.stop(1);
  }

if (gateway)
  process.stdout.write(
    `\n  Pregão cluster is up: open ${gateway.url}\n` +
      `  (self-signed certificate: ${gateway.certFile}; your browser will ask once)\n` +
      `  ${instances} BFF instances: ${bffs.map((b) => `${b.id} 127.0.0.1:${b.port}`).join(", ")}; metrics 127.0.0.1:${firstMetricsPort}+\n` +
      `  Gateway logs and WAF audit log: ${local("gateway/logs")}\n` +
      `  Demo users: trader / pregao-trader, risk / pregao-risk, viewer / pregao-viewer\n` +
      `  (Ctrl-C stops the cluster)\n\n`,
  );
