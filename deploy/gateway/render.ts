/**
 * Renders the gateway's nginx.conf and modsecurity.conf from the templates beside this file for N BFF instances
 * (docs/deployment.md). Pure: no file system besides reading the templates, so it is unit-tested for N = 1, 2, 3.
 */
import { readFileSync } from "node:fs";

/** One BFF instance behind the gateway: its INSTANCE_ID (the stickiness cookie's value) and loopback port. */
export interface GatewayInstance {
  id: string;
  host?: string;
  port: number;
}

/** Edge limits (per client address); the BFF enforces the business limits per session and user. */
export interface EdgeLimits {
  /** Sustained requests per second per address, and the burst let through at once (a dashboard load). */
  ratePerSecond: number;
  burst: number;
  /** Login attempts per minute per address, and their burst. */
  loginRatePerMinute: number;
  loginBurst: number;
  /** Concurrent requests per address (HTTP/2 streams count one each). */
  connectionsPerAddress: number;
  /** Largest request body, bytes (client_max_body_size and the WAF's body limit). */
  maxBodyBytes: number;
}

export interface GatewayOptions {
  instances: readonly GatewayInstance[];
  listen: { host: string; port: number };
  /** Absolute directory for logs/, tmp/, nginx.pid and the rendered modsecurity.conf. */
  prefix: string;
  tls: { cert: string; key: string };
  /** The ModSecurity-nginx dynamic module and the OWASP CRS directory (Debian paths by default, gateway.ts). */
  modsecurity: { module: string; crsDir: string };
  limits?: Partial<EdgeLimits>;
  /** socket.io's pingInterval + pingTimeout on the BFF (defaults 25 s + 20 s); the socket proxy timeout exceeds it. */
  socketHeartbeatMs?: number;
}

export const defaultEdgeLimits: EdgeLimits = {
  ratePerSecond: 100,
  burst: 400,
  loginRatePerMinute: 60,
  loginBurst: 30,
  connectionsPerAddress: 256,
  maxBodyBytes: 128 * 1024,
};

/** Most instances one gateway config is rendered for (a laptop-to-rack range; more → another gateway tier). */
export const MAX_INSTANCES = 32;

/** Thrown for options the gateway cannot be rendered from; `code` for callers, message names the field. */
export class GatewayConfigError extends Error {
  readonly code = "GATEWAY_CONFIG_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "GatewayConfigError";
  }
}

const template = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");

/** Replaces every `{{key}}`; a placeholder without a value is an error (a template/renderer mismatch). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new GatewayConfigError(`template placeholder {{${key}}} has no value`);
    return String(v);
  });
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const isPort = (p: number) => Number.isInteger(p) && p > 0 && p < 65_536;

function validate(opts: GatewayOptions, limits: EdgeLimits): void {
  const n = opts.instances.length;
  if (n < 1 || n > MAX_INSTANCES)
    throw new GatewayConfigError(`instances: ${n} given, the gateway needs 1 to ${MAX_INSTANCES}`);
  const ids = new Set<string>();
  const addrs = new Set<string>();
  for (const i of opts.instances) {
    if (!ID.test(i.id)) throw new GatewayConfigError(`instance id "${i.id}" is not [A-Za-z0-9_-]{1,64}`);
    if (!isPort(i.port)) throw new GatewayConfigError(`instance ${i.id}: port ${i.port} is not a TCP port`);
    const addr = `${i.host ?? "127.0.0.1"}:${i.port}`;
    if (ids.has(i.id)) throw new GatewayConfigError(`instance id "${i.id}" given twice`);
    if (addrs.has(addr)) throw new GatewayConfigError(`instance address ${addr} given twice`);
    ids.add(i.id);
    addrs.add(addr);
  }
  if (!isPort(opts.listen.port)) throw new GatewayConfigError(`listen port ${opts.listen.port} is invalid`);
  for (const [k, v] of Object.entries(limits))
    if (!Number.isInteger(v) || v < 1)
      throw new GatewayConfigError(`limits.${k}: ${v} is not a positive integer`);
  for (const p of [
    opts.prefix,
    opts.tls.cert,
    opts.tls.key,
    opts.modsecurity.module,
    opts.modsecurity.crsDir,
  ])
    if (!p.startsWith("/") || /[\s;{}'"]/.test(p))
      throw new GatewayConfigError(`path "${p}" must be absolute, without spaces, quotes, braces or ';'`);
}

const upstreamName = (id: string) => `pregao_${id.replace(/-/g, "_")}`;
const server = (i: GatewayInstance, extra = "") =>
  `    server ${i.host ?? "127.0.0.1"}:${i.port} max_fails=1 fail_timeout=5s${extra};`;

function upstreams(instances: readonly GatewayInstance[]): string {
  // Idle upstream connections close after 4 s, before Node's keepAliveTimeout (5 s) closes them under a request.
  const keepalive = (n: number) => [`    keepalive ${n};`, "    keepalive_timeout 4s;"];
  const all = ["  upstream pregao_all {", ...instances.map((i) => server(i)), ...keepalive(32), "  }"];
  const sticky = instances.flatMap((own) => [
    `  upstream ${upstreamName(own.id)} {`,
    server(own),
    ...instances.filter((i) => i !== own).map((i) => server(i, " backup")),
    ...keepalive(8),
    "  }",
  ]);
  return [...all, ...sticky].join("\n");
}

/** The rendered files: nginx.conf (main config) and modsecurity.conf (to be written to `<prefix>/modsecurity.conf`). */
export interface RenderedGateway {
  nginxConf: string;
  modsecurityConf: string;
}

export function renderGateway(opts: GatewayOptions): RenderedGateway {
  const limits = { ...defaultEdgeLimits, ...opts.limits };
  validate(opts, limits);
  const heartbeatMs = opts.socketHeartbeatMs ?? 45_000;
  const common = { prefix: opts.prefix, max_body_bytes: limits.maxBodyBytes };
  const nginxConf = fill(template("nginx.conf.template"), {
    ...common,
    instance_count: opts.instances.length,
    modsecurity_module: opts.modsecurity.module,
    max_body: `${Math.ceil(limits.maxBodyBytes / 1024)}k`,
    rate_per_s: limits.ratePerSecond,
    burst: limits.burst,
    login_rate_per_min: limits.loginRatePerMinute,
    login_burst: limits.loginBurst,
    conn_per_ip: limits.connectionsPerAddress,
    upstreams: upstreams(opts.instances),
    sticky_map: opts.instances.map((i) => `    ${i.id} ${upstreamName(i.id)};`).join("\n"),
    listen_host: opts.listen.host,
    listen_port: opts.listen.port,
    tls_cert: opts.tls.cert,
    tls_key: opts.tls.key,
    // 30 s over the heartbeat: a ping is always answered before the gateway gives up on a quiet connection.
    socket_timeout_s: Math.ceil(heartbeatMs / 1000) + 30,
  });
  const modsecurityConf = fill(template("modsecurity.conf.template"), {
    ...common,
    crs_dir: opts.modsecurity.crsDir,
  });
  return { nginxConf, modsecurityConf };
}
