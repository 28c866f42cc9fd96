import type { IDisposable } from "cockatiel";
import type { Server } from "socket.io";
import { CLUSTER_EVENT, clusterMessageSchema, type ClusterMessage } from "./messages.ts";

/**
 * Messages between BFF instances. `publish` reaches every OTHER instance (never this one: the caller has already
 * acted locally, so a Redis outage never stops local delivery); `subscribe` receives what the others publish.
 */
export interface ClusterBus {
  /** Whether other instances can hear this one (false: single process, or no REDIS_URL). */
  readonly clustered: boolean;
  publish(message: ClusterMessage): void;
  subscribe(handler: (message: ClusterMessage) => void): IDisposable;
  /** Messages from peers that failed validation (another version, a corrupt stream entry). */
  readonly rejected: number;
}

/** A single instance: nobody to tell. */
export function localBus(): ClusterBus {
  return {
    clustered: false,
    publish: () => undefined,
    subscribe: () => ({ dispose: () => undefined }),
    rejected: 0,
  };
}

/**
 * The bus over socket.io's cluster adapter (`serverSideEmit`, which skips the sender). Best effort by design: the
 * adapter queues a publish while Redis reconnects (ioredis' offline queue) and drops it, logged at debug, when Redis
 * refuses it. What depends on it has a local backstop: each instance re-checks its own sessions every
 * SESSION_REVALIDATE_MS, and the fleet view expires peers it has not heard from.
 */
export function socketIoBus(io: Server): ClusterBus {
  const handlers = new Set<(message: ClusterMessage) => void>();
  const bus = {
    clustered: true as const,
    rejected: 0,
    publish(message: ClusterMessage): void {
      io.serverSideEmit(CLUSTER_EVENT, message);
    },
    subscribe(handler: (message: ClusterMessage) => void): IDisposable {
      handlers.add(handler);
      return { dispose: () => void handlers.delete(handler) };
    },
  };
  io.on(CLUSTER_EVENT, (raw: unknown) => {
    const parsed = clusterMessageSchema.safeParse(raw);
    if (!parsed.success) {
      bus.rejected++;
      return;
    }
    for (const handler of handlers) handler(parsed.data);
  });
  return bus;
}
