/**
 * A passive upstream consumer in the orchestrator: one raw `ws` connection to the sim subscribed to every asset. It
 * lists the assets, and counts the frames per asset inside a measurement window — the "upstream msgs/s actually
 * produced" figure and the basis of the derived conflation count. It reads `"asset":"…"` only; no JSON parsing on the
 * hot path.
 */
import { WebSocket } from "ws";
import { readAsset, readTs } from "./common.ts";
import { Histogram, type LatencySummary } from "./histogram.ts";

export interface WindowCounts {
  seconds: number;
  total: number;
  perAsset: Record<string, number>;
  /** now − `ts` at this direct consumer: the sim's own delivery latency, the floor for both targets. */
  latency: LatencySummary;
}

export class FeedProbe {
  private ws: WebSocket | undefined;
  private ready = false;
  assets: string[] = [];
  private counting = false;
  private windowStart = 0;
  private total = 0;
  private perAsset = new Map<string, number>();
  private readonly latency = new Histogram();

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  /** Connects, lists and subscribes to every asset; resolves once the subscription is confirmed. */
  connect(timeoutMs = 15_000): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("feed probe: no subscription within timeout")),
        timeoutMs,
      );
      const ws = new WebSocket(this.url, {
        headers: { authorization: `Bearer ${this.token}` },
        perMessageDeflate: false,
      });
      this.ws = ws;
      ws.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      ws.on("message", (data: Buffer) => {
        if (!this.ready) {
          const msg = JSON.parse(data.toString()) as { type: string; assets?: { asset: string }[] };
          if (msg.type === "hello") ws.send(JSON.stringify({ type: "listAssets", reqId: "probe-list" }));
          else if (msg.type === "assetList") {
            this.assets = (msg.assets ?? []).map((a) => a.asset);
            for (let i = 0; i < this.assets.length; i += 500)
              ws.send(
                JSON.stringify({
                  type: "subscribe",
                  reqId: `probe-${i}`,
                  assets: this.assets.slice(i, i + 500),
                }),
              );
          } else if (msg.type === "subscribed") {
            this.ready = true;
            clearTimeout(timer);
            resolve(this.assets);
          }
          return;
        }
        if (!this.counting) return;
        const asset = readAsset(data);
        if (asset === undefined) return;
        this.total++;
        this.latency.recordMs(Date.now() - readTs(data));
        this.perAsset.set(asset, (this.perAsset.get(asset) ?? 0) + 1);
      });
    });
  }

  startWindow(): void {
    this.total = 0;
    this.perAsset.clear();
    this.latency.reset();
    this.windowStart = performance.now();
    this.counting = true;
  }

  stopWindow(): WindowCounts {
    this.counting = false;
    return {
      seconds: (performance.now() - this.windowStart) / 1000,
      total: this.total,
      perAsset: Object.fromEntries(this.perAsset),
      latency: this.latency.summary(),
    };
  }

  close(): void {
    this.ws?.terminate();
  }
}
