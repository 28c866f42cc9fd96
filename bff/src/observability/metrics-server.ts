import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../lib/logger.ts";

export interface MetricsServerOptions {
  host: string;
  /** 0 → ephemeral. */
  port: number;
  /** When set, requests need `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Refreshes collect-time gauges and renders the exposition. */
  expose(): Promise<{ contentType: string; body: string }>;
  logger: Logger;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

const bearerOk = (req: IncomingMessage, token: string): boolean => {
  const got = Buffer.from(req.headers.authorization ?? "");
  const want = Buffer.from(`Bearer ${token}`);
  return got.length === want.length && timingSafeEqual(got, want);
};

function text(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    ...extra,
  });
  res.end(body);
}

/**
 * `GET /metrics` (Prometheus text) on its own listener, apart from the public app: the scrape port can stay on
 * loopback or a private network, and a slow scrape never queues behind browser traffic.
 */
export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://metrics").pathname;
    if (path !== "/metrics") return text(res, 404, "not found\n");
    if (req.method !== "GET" && req.method !== "HEAD")
      return text(res, 405, "method not allowed\n", { Allow: "GET" });
    if (opts.token && !bearerOk(req, opts.token))
      return text(res, 401, "unauthorized\n", { "WWW-Authenticate": 'Bearer realm="metrics"' });
    opts.expose().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (err: unknown) => {
        opts.logger.error({ err }, "metrics exposition failed");
        text(res, 500, "internal error\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
