/**
 * Runs the gateway: renders the config for the given instances into a prefix directory, starts nginx unprivileged
 * (`nginx -p <prefix> -c nginx.conf`, no daemon), waits until it accepts TLS connections, and stops it.
 * Used by `pnpm start:cluster` (scripts/start-cluster.ts) and the gateway integration tests (bff/tests/gateway/).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { renderGateway, type EdgeLimits, type GatewayInstance } from "./render.ts";
import { ensureSelfSignedCertificate } from "./tls.ts";

/** Debian's paths (`nginx`, `libnginx-mod-http-modsecurity`, `modsecurity-crs`); .ci/run installs them. */
export const debianPaths = {
  nginx: "/usr/sbin/nginx",
  module: "/usr/lib/nginx/modules/ngx_http_modsecurity_module.so",
  crsDir: "/usr/share/modsecurity-crs",
};

/** Why the gateway cannot run here (a missing package), or undefined when it can. */
export function gatewayUnavailable(paths = debianPaths): string | undefined {
  const missing = [
    [paths.nginx, "nginx"],
    [paths.module, "libnginx-mod-http-modsecurity"],
    [join(paths.crsDir, "rules"), "modsecurity-crs"],
  ].filter(([p]) => !existsSync(p!));
  if (missing.length === 0) return undefined;
  return `missing Debian packages: ${missing.map(([, pkg]) => pkg).join(", ")} (apt-get install -y nginx libnginx-mod-http-modsecurity modsecurity-crs)`;
}

export interface GatewayRunOptions {
  instances: readonly GatewayInstance[];
  /** Where the config, logs, temp files and pid go (created). */
  prefix: string;
  /** Where the self-signed certificate is kept (reused across runs). */
  tlsDir: string;
  listen?: { host: string; port: number };
  limits?: Partial<EdgeLimits>;
  /** Receives nginx's own stdout/stderr lines. */
  onOutput?: (line: string) => void;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** The certificate clients must trust (PEM path). */
  certFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function waitForPort(
  host: string,
  port: number,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = connect({ host, port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${host}:${port} within ${timeoutMs} ms`);
}

export async function startGateway(opts: GatewayRunOptions): Promise<RunningGateway> {
  const why = gatewayUnavailable();
  if (why) throw new Error(`gateway: ${why}`);
  const listen = opts.listen ?? { host: "127.0.0.1", port: 8443 };
  for (const dir of ["logs", "tmp"]) mkdirSync(join(opts.prefix, dir), { recursive: true });
  const tls = ensureSelfSignedCertificate(opts.tlsDir);
  const rendered = renderGateway({
    instances: opts.instances,
    listen,
    prefix: opts.prefix,
    tls,
    modsecurity: { module: debianPaths.module, crsDir: debianPaths.crsDir },
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const conf = join(opts.prefix, "nginx.conf");
  writeFileSync(conf, rendered.nginxConf);
  writeFileSync(join(opts.prefix, "modsecurity.conf"), rendered.modsecurityConf);
  const base = ["-p", opts.prefix, "-e", join(opts.prefix, "logs", "error.log"), "-c", conf];
  const child = spawn(debianPaths.nginx, [...base, "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      for (const line of chunk.split("\n")) if (line) opts.onOutput?.(line);
    });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // nginx outlives a parent that dies without stopping it (a killed test worker, an uncaught error); stop it on exit.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  void exited.then(() => process.removeListener("exit", killOnExit));
  const stop = async (): Promise<void> => {
    // TERM is nginx's fast shutdown: workers close their connections and exit with the master (QUIT would wait for
    // every WebSocket, and a killed master would leave workers holding the port).
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(force);
  };
  try {
    await waitForPort(listen.host, listen.port, child, 10_000);
  } catch (err) {
    await stop();
    const log = readFileSync(join(opts.prefix, "logs", "error.log"), "utf8")
      .split("\n")
      .slice(-5)
      .join("\n");
    throw new Error(`gateway: ${(err as Error).message}; ${conf}, error log:\n${log}`, { cause: err });
  }
  return {
    url: `https://${listen.host}:${listen.port}`,
    port: listen.port,
    certFile: tls.cert,
    process: child,
    stop,
  };
}
