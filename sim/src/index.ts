import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createSimServer } from "./app.ts";

export { createSimControl, SimControlError, type SimControl } from "./control/client.ts";
export type { SimControlState } from "./control/schemas.ts";
export { Market, type MarketEvent, type OutboundMessage } from "./market/market.ts";
export { loadInstruments, type Instrument } from "./market/instruments.ts";

export interface StartSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Market events per second across all instruments (each event is 1–3+ messages). */
  rate?: number;
  /** Number of instruments to load (most liquid first); default all. */
  assets?: number;
  feedToken?: string;
  controlToken?: string;
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
  close(): Promise<void>;
}

/** Starts the simulator in-process (used by main.ts and by other packages' tests). */
export async function startSim(opts: StartSimOptions = {}): Promise<RunningSim> {
  const log = pino({ name: "sim", level: opts.logLevel ?? "silent" });
  const sim = createSimServer({
    seed: opts.seed ?? 1,
    rate: opts.rate ?? 50,
    ...(opts.assets === undefined ? {} : { assets: opts.assets }),
    feedToken: opts.feedToken ?? "dev-feed-token",
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
  sim.feed.start();
  const port = (sim.server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  let closing: Promise<void> | undefined;
  return {
    port,
    feedUrl: `ws://${urlHost}:${port}/feed/v1`,
    controlUrl: `http://${urlHost}:${port}/control`,
    close: () =>
      (closing ??= (async () => {
        await sim.feed.close();
        sim.server.closeAllConnections();
        await new Promise<void>((resolve) => sim.server.close(() => resolve()));
      })()),
  };
}
