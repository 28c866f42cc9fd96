import type {
  DependencyCheck,
  FeedStatus,
  FleetMember,
  FleetView,
  OpsSample,
  OpsSnapshot,
  OpsUpdate,
} from "@pregao/contracts";
import type { UpstreamStats } from "../upstream/stats.ts";
import type { HistogramWindow } from "./histogram-window.ts";
import type { LatencyWindow } from "./latency-window.ts";
import { Ring } from "./ops-history.ts";

/** Who is connected right now (read from socket.io at snapshot time). */
export interface ConnectedCounts {
  sockets: number;
  sessions: number;
  traders: number;
}

export interface OpsSources {
  feedStatus(): FeedStatus;
  stats: Pick<UpstreamStats, "messagesTotal" | "malformed" | "gaps" | "resyncs" | "reconnects">;
  health: { checks(): DependencyCheck[]; readiness(c: DependencyCheck[]): OpsSnapshot["readiness"] };
  connected(): ConnectedCounts;
  emitLatency: LatencyWindow;
  /** Service call durations grouped by service (the Prometheus histogram, differenced). */
  serviceLatency: HistogramWindow;
  runbookBase: string;
  /** This instance's id (INSTANCE_ID), as the fleet view names it (default "bff"). */
  instanceId?: string;
  /** Whether this instance is draining (SIGTERM): readiness already fails; the fleet view says why. */
  draining?: () => boolean;
  /** The other instances (cluster/fleet.ts); absent → the fleet is this instance alone. */
  fleet?: { view(self: FleetMember): FleetView };
}

/** 15 minutes of samples at the default OPS_SAMPLE_MS (5 s). */
export const HISTORY_SAMPLES = 180;
const ORDER_MANAGER = "order-manager";

/**
 * The ops health panel's data: a sample every `sampleMs` kept in a ring of HISTORY_SAMPLES (taken whether or not
 * anyone watches, so the panel opens with history), and snapshots built on demand (the push loop builds one only
 * while the ops room is non-empty).
 */
export class OpsService {
  private readonly history = new Ring<OpsSample>(HISTORY_SAMPLES);
  private last: { at: number; messages: number };
  private rate = 0;
  private timer: NodeJS.Timeout | undefined;
  private unpushed: OpsSample | null = null;

  constructor(
    private readonly src: OpsSources,
    private readonly sampleMs: number,
  ) {
    this.last = { at: Date.now(), messages: src.stats.messagesTotal };
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sample(), this.sampleMs);
    this.timer.unref();
    void this.src.serviceLatency.snap();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes one sample now (the timer calls this; tests may too). */
  async sample(now = Date.now()): Promise<OpsSample> {
    const { src } = this;
    const messages = src.stats.messagesTotal;
    const dt = (now - this.last.at) / 1000;
    this.rate = dt > 0 ? Math.max(0, (messages - this.last.messages) / dt) : 0;
    this.last = { at: now, messages };
    await src.serviceLatency.snap(now);
    const emit = src.emitLatency.percentiles(Math.max(1, Math.round(this.sampleMs / 1000)), now);
    const service = src.serviceLatency.percentiles(this.sampleMs * 1.5)[ORDER_MANAGER];
    const lastMessageAt = src.feedStatus().lastMessageAt;
    const sample: OpsSample = {
      at: now,
      feedMsgsPerS: Math.round(this.rate * 10) / 10,
      dataAgeMs: lastMessageAt === null ? null : Math.max(0, now - lastMessageAt),
      emitP50Ms: emit.p50,
      emitP99Ms: emit.p99,
      serviceP99Ms: service?.p99 ?? null,
      sockets: src.connected().sockets,
      gaps: src.stats.gaps,
      resyncs: src.stats.resyncs,
    };
    this.history.push(sample);
    this.unpushed = sample;
    return sample;
  }

  /** Oldest first, at most HISTORY_SAMPLES. */
  samples(): OpsSample[] {
    return this.history.toArray();
  }

  /** This instance's summary for the fleet view (published to the others, shown first on its own panel). */
  member(now = Date.now()): FleetMember {
    const { src } = this;
    return this.memberFrom(
      now,
      src.health.readiness(src.health.checks()).status,
      src.feedStatus(),
      src.connected(),
    );
  }

  private memberFrom(
    now: number,
    status: DependencyCheck["status"],
    feed: FeedStatus,
    connected: ReturnType<OpsSources["connected"]>,
  ): FleetMember {
    return {
      instanceId: this.src.instanceId ?? "bff",
      at: now,
      status,
      draining: this.src.draining?.() ?? false,
      feedLink: feed.link,
      feedMsgsPerS: Math.round(this.rate * 10) / 10,
      connected,
      emitP99Ms: this.src.emitLatency.percentiles(60, now).p99,
    };
  }

  snapshot(now = Date.now()): OpsSnapshot {
    const { src } = this;
    const checks = src.health.checks();
    const s = src.stats;
    const readiness = src.health.readiness(checks);
    const feed = src.feedStatus();
    const connected = src.connected();
    const self = this.memberFrom(now, readiness.status, feed, connected);
    const fleet: FleetView = src.fleet
      ? src.fleet.view(self)
      : {
          self: self.instanceId,
          members: [self],
          totals: {
            instances: 1,
            ready: readiness.status === "fail" ? 0 : 1,
            sockets: connected.sockets,
            sessions: connected.sessions,
            traders: connected.traders,
            feedMsgsPerS: self.feedMsgsPerS,
          },
        };
    return {
      at: now,
      readiness,
      checks,
      feed,
      counters: {
        messagesTotal: s.messagesTotal,
        malformed: s.malformed,
        gaps: s.gaps,
        resyncs: s.resyncs,
        reconnects: s.reconnects,
      },
      feedMsgsPerS: Math.round(this.rate * 10) / 10,
      connected,
      fleet,
      emitLatency: src.emitLatency.percentiles(60, now),
      serviceLatency: src.serviceLatency.percentiles(60_000),
      panelRunbook: `${src.runbookBase.replace(/\/+$/, "")}/health-panel`,
    };
  }

  /** The `ops:updated` payload: a snapshot and the sample taken since the previous update, if any. */
  update(now = Date.now()): OpsUpdate {
    const sample = this.unpushed;
    this.unpushed = null;
    return { snapshot: this.snapshot(now), sample };
  }
}
