import type { AddressInfo } from "node:net";
import type { JSONWebKeySet } from "jose";
import { createSimServer } from "./app.ts";
import { createLogger } from "@pregao/telemetry";
import { DEFAULT_JWKS_URL, type JwksSource } from "./lib/service-auth.ts";
import type { TradingHours } from "./risk/risk-engine.ts";

export { createSimControl, SimControlError, type FaultSpan, type SimControl } from "./control/client.ts";
export type { Duration, SimControlState } from "./control/schemas.ts";
export { Market, type MarketEvent, type OutboundMessage } from "./market/market.ts";
export { loadInstruments, type Instrument } from "./market/instruments.ts";
export { createTestIssuer, type TestIssuer, type MintOptions } from "./lib/test-tokens.ts";
export { BFF_SERVICE_SUBJECT, DEFAULT_JWKS_URL } from "./lib/service-auth.ts";
export { DEFAULT_RISK, type TradingHours } from "./risk/risk-engine.ts";

export interface StartSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Market events per second across all instruments (each event is 1–3+ messages). */
  rate?: number;
  /** Number of instruments to load (most liquid first); default all. */
  assets?: number;
  /** Static feed bearer accepted besides JWTs (opt-in; unset = service-token JWTs only). */
  feedToken?: string;
  controlToken?: string;
  /** Order manager + risk service port; 0 (default) picks a free port. */
  servicesPort?: number;
  /** The BFF's JWKS URL, or a function resolved at the first verification (default DEFAULT_JWKS_URL). */
  jwksUrl?: string | (() => string);
  /** A key set (or loader) instead of a URL — unit tests. Takes precedence over `jwksUrl`. */
  jwks?: JSONWebKeySet | (() => Promise<JSONWebKeySet>);
  /** Trading hours for the risk check (default 09:00–18:00 America/Sao_Paulo, alwaysOpen true). */
  tradingHours?: Partial<TradingHours>;
  logLevel?: string;
  /** Heartbeat period announced in `hello` (default 1000 ms); tests shorten it. */
  heartbeatMs?: number;
  /** Outgoing buffer bound per connection before the sim drops a slow consumer (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Subscription cap per connection (default 500). */
  maxSubscriptions?: number;
}

export interface RunningSim {
  port: number;
  feedUrl: string;
  controlUrl: string;
  /** `http://127.0.0.1:<port>` of the order manager + risk service (stream at `ws://…/api/stream`). */
  servicesUrl: string;
  servicesPort: number;
  close(): Promise<void>;
}

/** Starts the simulator in-process (used by main.ts and by other packages' tests). */
export async function startSim(opts: StartSimOptions = {}): Promise<RunningSim> {
  const log = createLogger({ level: opts.logLevel ?? "silent", svc: "sim" });
  const sim = createSimServer({
    seed: opts.seed ?? 1,
    rate: opts.rate ?? 50,
    ...(opts.assets === undefined ? {} : { assets: opts.assets }),
    ...(opts.feedToken === undefined ? {} : { feedToken: opts.feedToken }),
    keys: (opts.jwks !== undefined
      ? { jwks: opts.jwks }
      : { jwksUrl: opts.jwksUrl ?? DEFAULT_JWKS_URL }) as JwksSource,
    ...(opts.tradingHours ? { tradingHours: opts.tradingHours } : {}),
    controlToken: opts.controlToken ?? "dev-control-token",
    log,
    ...(opts.heartbeatMs === undefined ? {} : { heartbeatMs: opts.heartbeatMs }),
    ...(opts.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: opts.maxBufferedBytes }),
    ...(opts.maxSubscriptions === undefined ? {} : { maxSubscriptions: opts.maxSubscriptions }),
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    sim.server.once("error", reject);
    sim.server.listen(opts.port ?? 0, host, () => resolve());
  });
  const servicesPort = await sim.services.listen(opts.servicesPort ?? 0, host).catch(async (err: unknown) => {
    await new Promise<void>((resolve) => sim.server.close(() => resolve()));
    throw err;
  });
  sim.feed.start();
  const port = (sim.server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  let closing: Promise<void> | undefined;
  return {
    port,
    feedUrl: `ws://${urlHost}:${port}/feed/v1`,
    controlUrl: `http://${urlHost}:${port}/control`,
    servicesUrl: `http://${urlHost}:${servicesPort}`,
    servicesPort,
    close: () =>
      (closing ??= (async () => {
        await sim.feed.close();
        await sim.services.close();
        sim.server.closeAllConnections();
        await new Promise<void>((resolve) => sim.server.close(() => resolve()));
      })()),
  };
}
